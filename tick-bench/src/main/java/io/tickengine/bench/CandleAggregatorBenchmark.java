package io.tickengine.bench;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.AggregatorOptions;
import io.tickengine.core.candle.CandleAggregator;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.time.ManualClock;
import io.tickengine.core.time.MarketTime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ticks per second through {@link CandleAggregator#onBatch} on one thread, reported as operations: 1000
 * instruments, batches of 1024 pre-built ticks (10 ticks per instrument per second of market time, event
 * times up to 50 ms out of order), a timer call after each batch as the engine makes, candles into a
 * {@link Blackhole}. A stream of 65,536 ticks (about 16 MB of {@link Tick} objects) mostly stays in cache;
 * one of 262,144 ticks mostly comes from memory. When the stream is used up, a fresh aggregator that has
 * seen one tick per instrument replaces the old one outside the measurement, so time never runs backwards.
 *
 * <p>Beside the score, every iteration prints the benchmark thread's CPU time per tick (from
 * {@link ThreadMXBean}, without the restarts) and the load average at its start: on a shared machine the
 * score follows whatever else runs, CPU per tick much less.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CandleAggregatorBenchmark {
    private static final int INSTRUMENTS = 1000;
    private static final int BATCH_SIZE = 1024;
    private static final int TICKS_PER_INSTRUMENT_SECOND = 10;

    private static final CandleInterval[] ALL_INTERVALS = {CandleInterval.S1, CandleInterval.S5, CandleInterval.M1,
        CandleInterval.M5, CandleInterval.M15, CandleInterval.H1, CandleInterval.DAY_IST};

    /** How many of 1s, 5s, 1m, 5m, 15m, 1h, 1d to build, shortest first. */
    @Param({"1", "7"})
    public int intervals;

    /** Ticks in the pre-built stream, a multiple of the batch size. */
    @Param({"65536", "262144"})
    public int streamTicks;

    private final List<List<Tick>> batches = new ArrayList<>();
    private final List<Tick> primer = new ArrayList<>(INSTRUMENTS);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long[] batchClock;
    private AggregatorOptions options;
    private Blackhole blackhole;
    private ManualClock clock;
    private CandleAggregator aggregator;
    private int next;
    private long cpuAtStart;
    private long ticksInIteration;
    private String loadAtStart;

    @Setup
    public void buildStream(Blackhole bh) {
        blackhole = bh;
        options = AggregatorOptions.builder().intervals(Arrays.copyOf(ALL_INTERVALS, intervals)).build();
        SplittableRandom random = new SplittableRandom(42);
        long start = MarketTime.at(LocalDate.of(2024, 3, 4), LocalTime.of(9, 15));
        long[] price = new long[INSTRUMENTS];
        long[] volume = new long[INSTRUMENTS];
        Tick.Builder builder = Tick.builder().exchange(Exchange.NSE).mode(TickMode.QUOTE).priceScale(2).tradable(true);
        for (int i = 0; i < INSTRUMENTS; i++) {
            price[i] = 10_000 + random.nextInt(500_000);
            volume[i] = random.nextInt(1_000_000);
            primer.add(builder.instrumentToken(token(i)).lastPrice(price[i]).volume(volume[i])
                    .exchangeTimestamp(start - 1000).receiveTimestamp(start - 1000).build());
        }
        double millisPerTick = 1000.0 / (INSTRUMENTS * TICKS_PER_INSTRUMENT_SECOND);
        batchClock = new long[streamTicks / BATCH_SIZE];
        for (int b = 0, n = 0; b < batchClock.length; b++) {
            List<Tick> batch = new ArrayList<>(BATCH_SIZE);
            long now = start;
            for (int k = 0; k < BATCH_SIZE; k++, n++) {
                int i = random.nextInt(INSTRUMENTS);
                now = start + (long) (n * millisPerTick);
                price[i] = Math.max(5, price[i] + random.nextInt(-20, 21));
                volume[i] += random.nextInt(500);
                batch.add(builder.instrumentToken(token(i)).lastPrice(price[i]).volume(volume[i])
                        .exchangeTimestamp(now - random.nextInt(50)).receiveTimestamp(now).build());
            }
            batches.add(batch);
            batchClock[b] = now + 1;
        }
        restart();
    }

    /** Replaces a used-up aggregator; runs before each invocation but does work only once per stream. */
    @Setup(Level.Invocation)
    public void wrapAround() {
        if (next == batches.size()) {
            long cpu = threads.getCurrentThreadCpuTime();
            restart();
            cpuAtStart += threads.getCurrentThreadCpuTime() - cpu;
        }
    }

    @Setup(Level.Iteration)
    public void startCpuCount() {
        loadAtStart = loadAverage();
        ticksInIteration = 0;
        cpuAtStart = threads.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void printCpuPerTick() {
        double perTick = (threads.getCurrentThreadCpuTime() - cpuAtStart) / (double) ticksInIteration;
        System.out.printf("  [cpu per tick %.2f ns (%.1f M ticks per CPU second); load average %s]%n", perTick,
                1000.0 / perTick, loadAtStart);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public void onBatch() {
        ticksInIteration += BATCH_SIZE;
        long now = batchClock[next];
        clock.set(now);
        aggregator.onBatch(batches.get(next++));
        aggregator.onTimer(now);
    }

    private void restart() {
        next = 0;
        clock = new ManualClock(primer.get(0).eventTime());
        aggregator = CandleAggregator.create(options, clock, blackhole::consume);
        aggregator.onBatch(primer);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long token(int instrument) {
        return 256_265L + 256L * instrument;
    }
}
