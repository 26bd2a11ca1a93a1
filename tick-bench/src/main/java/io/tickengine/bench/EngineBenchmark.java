package io.tickengine.bench;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.engine.SinkStats;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.source.PushTickSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end engine throughput: one source thread (the benchmark thread) publishes ticks, three no-op
 * sinks on their own threads receive them; an invocation ends when every sink has every tick.
 *
 * <p>Beside the score, every iteration prints the CPU time spent per tick by the publishing loop and
 * by the three sink threads (from {@link ThreadMXBean}), and the load average at its start: on a
 * shared machine the score follows whatever else runs, CPU per tick much less.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class EngineBenchmark {
    static final int TICKS_PER_INVOCATION = 100_000;
    static final int FRAME = 50;
    private static final int INSTRUMENTS = 1_000;
    private static final long FIRST_TOKEN = 256_265;
    private static final long TOKEN_STEP = 256;

    @Param({"DROP_OLDEST", "NEVER_DROP", "CONFLATE"})
    public OverflowPolicy policy;

    private TickEngine engine;
    private PushTickSource source;
    private CountingSink[] sinks;
    private Tick[] ticks;
    private List<List<Tick>> frames;
    private long expected;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long[] sinkThreadIds;
    private long sinkCpuAtStart;
    private long publishCpu;
    private long published;
    private String loadAtStart;

    @Setup(Level.Trial)
    public void setUp() {
        ticks = new Tick[TICKS_PER_INVOCATION];
        frames = new ArrayList<>();
        for (int i = 0; i < ticks.length; i += FRAME) {
            frames.add(Arrays.asList(ticks).subList(i, i + FRAME));
        }
        source = PushTickSource.create("bench");
        sinks = new CountingSink[] {new CountingSink("s1"), new CountingSink("s2"), new CountingSink("s3")};
        SinkOptions options = SinkOptions.builder().overflowPolicy(policy).capacity(1 << 20).build();
        TickEngine.Builder b = TickEngine.builder().source(source);
        for (CountingSink s : sinks) {
            b.sink(s, options);
        }
        engine = b.build();
        engine.start();
    }

    /**
     * Fresh ticks for every invocation, as a feed decodes a new tick per packet: the engine stamps a tick
     * it has not seen in place and copies one it already stamped, so reused ticks would measure a copy
     * no source pays. Not timed.
     */
    @Setup(Level.Invocation)
    public void freshTicks() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Tick.builder().instrumentToken(FIRST_TOKEN + (i % INSTRUMENTS) * TOKEN_STEP).exchange(Exchange.NSE)
                    .mode(TickMode.QUOTE).priceScale(2).lastPrice(100_000 + i % 977).volume(i)
                    .exchangeTimestamp(now - 1_000).receiveTimestamp(now).build();
        }
    }

    @Setup(Level.Iteration)
    public void startCpuCount() {
        if (sinkThreadIds == null) {
            sinkThreadIds = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("tick-sink-")).mapToLong(Thread::getId).toArray();
        }
        publishCpu = 0;
        published = 0;
        sinkCpuAtStart = sinkCpu();
        loadAtStart = loadAverage();
    }

    @TearDown(Level.Iteration)
    public void printCpuPerTick() {
        double sinks = (sinkCpu() - sinkCpuAtStart) / (double) published;
        double publish = publishCpu / (double) published;
        long conflated = engine.stats().tickSinks().stream().mapToLong(SinkStats::conflated).sum();
        System.out.printf("  [cpu per tick: publish %.1f ns, %d sinks %.1f ns, sum %.1f ns; conflated %.1f%% of all"
                + " deliveries so far; load average %s]%n", publish, sinkThreadIds.length, sinks, publish + sinks,
                100.0 * conflated / (3.0 * engine.stats().accepted()), loadAtStart);
    }

    private long sinkCpu() {
        long sum = 0;
        for (long id : sinkThreadIds) {
            sum += Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Counts the publishing loop's CPU time (not the wait for the sinks). */
    private void countPublish(long cpuAtStart) {
        publishCpu += threads.getCurrentThreadCpuTime() - cpuAtStart;
        published += TICKS_PER_INVOCATION;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.stop(Duration.ofSeconds(10));
    }

    /** Publishes a block of ticks and waits until all three sinks received (or conflated) them. */
    @Benchmark
    @OperationsPerInvocation(TICKS_PER_INVOCATION)
    public long publishToThreeSinks() {
        long cpu = threads.getCurrentThreadCpuTime();
        for (Tick t : ticks) {
            source.publish(t);
        }
        countPublish(cpu);
        return awaitSinks();
    }

    /**
     * The same in frames of {@value #FRAME} ticks through {@code onTicks}, as a broker feed delivers
     * them (one Kite frame carries many packets).
     */
    @Benchmark
    @OperationsPerInvocation(TICKS_PER_INVOCATION)
    public long publishFramesToThreeSinks() {
        long cpu = threads.getCurrentThreadCpuTime();
        for (List<Tick> frame : frames) {
            source.publishAll(frame);
        }
        countPublish(cpu);
        return awaitSinks();
    }

    /**
     * Waits until every sink has every tick, or under CONFLATE the last tick of every instrument (each
     * instrument's last tick is among the final {@value #INSTRUMENTS}), without polling engine stats,
     * which would take CPU from the sinks.
     */
    private long awaitSinks() {
        expected += TICKS_PER_INVOCATION;
        for (CountingSink s : sinks) {
            if (policy == OverflowPolicy.CONFLATE) {
                for (int i = ticks.length - INSTRUMENTS; i < ticks.length; i++) {
                    while (s.latest.get(i % INSTRUMENTS) < ticks[i].ingestSequence()) {
                        Thread.onSpinWait();
                    }
                }
            } else {
                while (s.delivered.get() < expected) {
                    Thread.onSpinWait();
                }
            }
        }
        return expected;
    }

    /** Counts what it receives; under CONFLATE it also keeps the latest ingest sequence per instrument. */
    final class CountingSink implements TickSink {
        private final String name;
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLongArray latest = new AtomicLongArray(INSTRUMENTS);

        CountingSink(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void onBatch(List<Tick> batch) {
            if (policy == OverflowPolicy.CONFLATE) {
                for (int i = 0, n = batch.size(); i < n; i++) {
                    Tick t = batch.get(i);
                    latest.lazySet((int) ((t.instrumentToken() - FIRST_TOKEN) / TOKEN_STEP), t.ingestSequence());
                }
            }
            delivered.addAndGet(batch.size());
        }
    }
}
