package io.tickengine.bench;

import io.tickengine.cache.redis.CachePart;
import io.tickengine.cache.redis.RedisCache;
import io.tickengine.cache.redis.RedisCacheOptions;
import io.tickengine.cache.redis.RedisTickSink;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Ticks cached per second through {@link RedisTickSink#onBatch} into a real Redis, next to the
 * ceiling {@code redis-benchmark -P 64} measures on the same server in the same run (SET once, and
 * XADD of a 48-byte value over as many keys as instruments right before each of three sink rounds,
 * so each ratio compares like with like on a shared machine). Starts its own {@code redis-server} on
 * a spare loopback port (no persistence) and stops it at the end; bounded in ticks and time. Also
 * prints the CPU each side spent per entry, which load from other processes changes less, and the
 * JVM's CPU and allocated bytes per entry by thread (sink thread, Lettuce I/O thread, the rest). Run:
 * <pre>
 * mvn -B -q package -DskipTests -pl tick-bench -am
 * java -cp tick-bench/target/benchmarks.jar io.tickengine.bench.RedisCacheBenchmark \
 *     [ticks per round=1000000] [instruments=500] [batch=1000] [parts=all|tick_history,latest_tick,...]
 * </pre>
 */
public final class RedisCacheBenchmark {
    private static final Pattern RPS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) requests per second");

    private RedisCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int instruments = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Set<CachePart> parts = args.length > 3 && !args[3].equals("all") ? Arrays.stream(args[3].split(","))
                .map(p -> CachePart.valueOf(p.strip().toUpperCase(Locale.ROOT))).collect(Collectors.toSet())
                : EnumSet.allOf(CachePart.class);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--loglevel", "warning")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitForServer(port);
            System.out.printf(Locale.ROOT, "redis-server on 127.0.0.1:%d, %d ticks per round, %d instruments, batches of %d,"
                    + " parts %s%n", port, ticks, instruments, batchSize, parts);
            double[] set = redisBenchmark(port, "-t", "set", "-n", "1000000", "-r", "100000");
            System.out.printf(Locale.ROOT, "ceiling  redis-benchmark -P 64 SET : %,.0f ops/s%n", set[0]);
            flushAll(port);
            sinkBenchmark(port, ticks, instruments, batchSize, parts);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Three rounds, each the XADD ceiling right before the sink's round, so both see about the same
     * machine; prints each pair's ratio, their median and the CPU each side spent per entry.
     */
    private static void sinkBenchmark(int port, int ticks, int instruments, int batchSize, Set<CachePart> parts)
            throws Exception {
        List<List<Tick>> batches = batches(Math.min(ticks, 400_000), instruments, batchSize);
        RedisCacheOptions options = RedisCacheOptions.builder().uri("redis://127.0.0.1:" + port).keyPrefix("bench:")
                .parts(parts).commandTimeout(Duration.ofSeconds(10)).build();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String payload = "x".repeat(48);
        double[] ratios = new double[3];
        double ceilingServerCpu = 0;
        double ceilingClientCpu = 0;
        double sinkServerCpu = 0;
        double sinkJvmCpu = 0;
        Map<String, Double> threadCpu = new TreeMap<>();
        Map<String, Double> threadAlloc = new TreeMap<>();
        try (RedisCache cache = RedisCache.create(options)) {
            RedisTickSink sink = cache.tickSink();
            long seq = 0;
            List<Tick> batch = new ArrayList<>(batchSize);
            // A whole round of warm-up: with less, C2 still compiles the hot paths during the first measured rounds.
            seq = run(sink, batches, ticks, seq, batch);
            for (int r = 0; r < ratios.length; r++) {
                double redisCpu = redisCpuSeconds(port);
                double[] xadd = redisBenchmark(port, "-n", Integer.toString(ticks), "-r", Integer.toString(instruments),
                        "xadd", "bench:s:__rand_int__", "*", "d", payload);
                double ceilingRedisCpu = redisCpuSeconds(port) - redisCpu;
                ceilingServerCpu += ceilingRedisCpu;
                ceilingClientCpu += xadd[1];
                flushAll(port);

                redisCpu = redisCpuSeconds(port);
                Map<Long, long[]> threadsBefore = threadSnapshot();
                long jvmCpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                seq = run(sink, batches, ticks, seq, batch);
                double wall = (System.nanoTime() - start) / 1e9;
                double rate = ticks / wall;
                double roundJvmCpu = (os.getProcessCpuTime() - jvmCpu) / 1e9;
                sinkJvmCpu += roundJvmCpu;
                Map<String, Double> round = addThreadCpu(threadCpu, threadAlloc, threadsBefore, roundJvmCpu);
                double sinkRedisCpu = redisCpuSeconds(port) - redisCpu;
                sinkServerCpu += sinkRedisCpu;
                ratios[r] = rate / xadd[0];
                System.out.printf(Locale.ROOT, "round %d: XADD ceiling %,.0f ops/s, tick sink %,.0f ticks/s = %.0f%%"
                        + " (load average %.1f)%n", r + 1, xadd[0], rate, 100 * ratios[r], os.getSystemLoadAverage());
                // Busy share of the wall clock: redis-server idling while the sink's JVM works (and the reverse)
                // shows as both well under 100%.
                System.out.printf(Locale.ROOT, "  busy: redis-server %.0f%% in the ceiling, %.0f%% in the sink round;"
                        + " sink thread %.0f%%, Lettuce I/O thread %.0f%%%n", 100 * ceilingRedisCpu * xadd[0] / ticks,
                        100 * sinkRedisCpu / wall, 100 * round.getOrDefault("main", 0.0) / wall,
                        100 * round.getOrDefault("lettuce-nioEventLoop-N-N", 0.0) / wall);
            }
            sink.flush();
            if (sink.stats().failures() > 0 || sink.stats().ticksWritten() != seq) {
                throw new IllegalStateException("benchmark run was not clean: " + sink.stats());
            }
            sink.close();
        }
        double n = (double) ticks * ratios.length;
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "tick sink share of the XADD ceiling: median %.0f%% (range %.0f%% to %.0f%%)%n",
                100 * ratios[1], 100 * ratios[0], 100 * ratios[2]);
        System.out.printf(Locale.ROOT, "CPU per entry, ceiling: redis-server %.2f us + redis-benchmark %.2f us;"
                + " tick sink: redis-server %.2f us + JVM %.2f us%n", ceilingServerCpu * 1e6 / n,
                ceilingClientCpu * 1e6 / n, sinkServerCpu * 1e6 / n, sinkJvmCpu * 1e6 / n);
        System.out.printf(Locale.ROOT, "JVM CPU per entry by thread: %s%n", threadCpu.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f us", e.getKey(), e.getValue() * 1e6 / n))
                .collect(Collectors.joining(", ")));
        System.out.printf(Locale.ROOT, "JVM bytes allocated per entry by thread: %s%n", threadAlloc.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue() / n))
                .collect(Collectors.joining(", ")));
    }

    /** CPU nanoseconds and bytes allocated of the live threads, by thread id. */
    private static Map<Long, long[]> threadSnapshot() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, long[]> out = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            out.put(id, new long[] {threads.getThreadCpuTime(id), threads.getThreadAllocatedBytes(id)});
        }
        return out;
    }

    /**
     * Adds each thread's CPU seconds since {@code before} under its name with digits folded (so the
     * Lettuce I/O threads add up), with the bytes it allocated, and the rest of the process (GC, JIT,
     * threads that ended) as "other"; returns this round's CPU seconds by thread name.
     */
    private static Map<String, Double> addThreadCpu(Map<String, Double> sums, Map<String, Double> allocated,
            Map<Long, long[]> before, double processSeconds) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Double> round = new HashMap<>();
        double named = 0;
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long now = threads.getThreadCpuTime(id);
            if (info == null || now < 0) {
                continue;
            }
            long[] then = before.get(id);
            double seconds = (now - (then == null || then[0] < 0 ? 0 : then[0])) / 1e9;
            long bytes = threads.getThreadAllocatedBytes(id) - (then == null || then[1] < 0 ? 0 : then[1]);
            if (bytes > 1_000_000) {
                allocated.merge(info.getThreadName().replaceAll("[0-9]+", "N"), (double) bytes, Double::sum);
            }
            if (seconds < 0.001) {
                continue;
            }
            named += seconds;
            round.merge(info.getThreadName().replaceAll("[0-9]+", "N"), seconds, Double::sum);
        }
        round.merge("other (GC, JIT)", processSeconds - named, Double::sum);
        round.forEach((name, seconds) -> sums.merge(name, seconds, Double::sum));
        return round;
    }

    /** Sends {@code count} ticks in batches, cycling through the prepared ones with fresh ingest sequences. */
    private static long run(RedisTickSink sink, List<List<Tick>> batches, int count, long seq, List<Tick> batch)
            throws Exception {
        int sent = 0;
        for (int b = 0; sent < count; b = (b + 1) % batches.size()) {
            batch.clear();
            for (Tick t : batches.get(b)) {
                batch.add(t.withIngestSequence(++seq));
            }
            sink.onBatch(batch);
            sent += batch.size();
        }
        return seq;
    }

    private static List<List<Tick>> batches(int ticks, int instruments, int batchSize) {
        long start = System.currentTimeMillis();
        List<List<Tick>> out = new ArrayList<>();
        for (int i = 0; i < ticks; i += batchSize) {
            List<Tick> batch = new ArrayList<>(batchSize);
            for (int j = i; j < Math.min(ticks, i + batchSize); j++) {
                int instrument = j % instruments;
                long price = 150_000 + (j % 997);
                batch.add(Tick.builder().instrumentToken(100_000 + instrument).exchange(Exchange.NSE)
                        .tradingSymbol("SYM" + instrument).tradable(true).mode(TickMode.QUOTE).priceScale(2)
                        .lastPrice(price).lastQuantity(10).averagePrice(price - 3).volume(1_000_000L + j)
                        .totalBuyQuantity(5000).totalSellQuantity(6000).open(149_000).high(152_000).low(148_500)
                        .close(149_500).exchangeTimestamp(start + j / 10).receiveTimestamp(start + j / 10 + 2)
                        .build());
            }
            out.add(batch);
        }
        return out;
    }

    /** Runs redis-benchmark under bash to learn its CPU time too: {requests per second, CPU seconds}. */
    private static double[] redisBenchmark(int port, String... test) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-P", "64", "-q"));
        cmd.addAll(List.of(test));
        String line = cmd.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        Process p = new ProcessBuilder("bash", "-c", line + "; times").redirectErrorStream(true).start();
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = r.lines().reduce("", (a, b) -> a + "\n" + b);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("redis-benchmark did not finish");
        }
        // -q prints progress lines separated by \r; the last match is the final figure.
        Matcher m = RPS.matcher(out);
        double rps = -1;
        while (m.find()) {
            rps = Double.parseDouble(m.group(1));
        }
        if (rps < 0) {
            throw new IllegalStateException("no result from " + cmd + ": " + out);
        }
        // bash's "times": the shell's own user and system time, then its children's.
        Matcher t = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s").matcher(out);
        double cpu = 0;
        while (t.find()) {
            cpu = Long.parseLong(t.group(1)) * 60 + Double.parseDouble(t.group(2)) + Long.parseLong(t.group(3)) * 60
                    + Double.parseDouble(t.group(4));
        }
        return new double[] {rps, cpu};
    }

    /** redis-server's user plus system CPU seconds so far ({@code INFO cpu}). */
    private static double redisCpuSeconds(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port), "INFO", "cpu")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("used_cpu_(?:user|sys):([0-9.]+)").matcher(out);
        double seconds = 0;
        while (m.find()) {
            seconds += Double.parseDouble(m.group(1));
        }
        return seconds;
    }

    /** Empties the benchmark's own server and zeroes its command statistics after the ceiling runs. */
    private static void flushAll(int port) throws IOException, InterruptedException {
        for (String[] command : new String[][] {{"FLUSHALL"}, {"CONFIG", "RESETSTAT"}}) {
            List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void waitForServer(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }
}
