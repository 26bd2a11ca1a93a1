package io.tickengine.bench;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.sqlite.SqliteStore;
import io.tickengine.store.sqlite.SqliteStoreOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

/**
 * Write throughput of the SQLite store through its sinks, called the way the engine calls them (one
 * thread per sink, lists of up to 1,024 items, {@code onTimer} after each, flush at the end): candles
 * in live order (every instrument's candle of one second, then the next second) and in backfill order
 * (one instrument's seconds, then the next instrument), ticks, then live candles and ticks at once
 * into the same file. Live order is the costly one: keys lead with the instrument, so each commit
 * touches about one index page per instrument. A bounded main rather than JMH, because each run is
 * dominated by file I/O and needs a fresh file. Run:
 * {@code java -cp tick-bench/target/benchmarks.jar io.tickengine.bench.SqliteStoreBenchmark [candles] [ticks]
 * [batchRows] [dir] [instruments]}; a given {@code dir} keeps its files, and {@code instruments} defaults to 500.
 */
public final class SqliteStoreBenchmark {
    private static final int ENGINE_BATCH = 1_024;
    private static final int DEFAULT_INSTRUMENTS = 500;
    /** Rounds of the query shapes; the last is reported as warm. */
    private static final int QUERY_ROUNDS = 8;
    private static final long T0 = 1_731_988_800_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SqliteStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int candles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int batchRows = args.length > 2 ? Integer.parseInt(args[2]) : SqliteStoreOptions.DEFAULT_MAX_BATCH_ROWS;
        Path dir = args.length > 3 ? Files.createDirectories(Path.of(args[3]))
                : Files.createTempDirectory("sqlite-bench");
        int instruments = args.length > 4 ? Integer.parseInt(args[4]) : DEFAULT_INSTRUMENTS;
        List<Candle> candleData = candles(candles, instruments);
        List<Candle> backfill = new ArrayList<>(candleData);
        backfill.sort(Comparator.comparingLong(Candle::instrumentToken).thenComparingLong(Candle::bucketStart));
        List<Tick> tickData = ticks(ticks, instruments);
        System.out.printf(Locale.ROOT, "SQLite store benchmark: %,d candles, %,d ticks, %,d instruments,"
                + " maxBatchRows=%d, dir=%s%n", candles, ticks, instruments, batchRows, dir);

        try (SqliteStore warm = open(dir.resolve("warmup.db"), batchRows)) {
            writeCandles(warm.candleSink(), candleData.subList(0, Math.min(candles, 200_000)));
            writeTicks(warm.tickSink(), tickData.subList(0, Math.min(ticks, 50_000)));
        }

        try (SqliteStore store = open(dir.resolve("candles.db"), batchRows)) {
            report("candles, live order", candles, writeCandles(store.candleSink(), candleData), "candles");
        }
        try (SqliteStore store = open(dir.resolve("backfill.db"), batchRows)) {
            report("candles, backfill order", candles, writeCandles(store.candleSink(), backfill), "candles");
        }
        try (SqliteStore store = open(dir.resolve("ticks.db"), batchRows)) {
            report("ticks, live order", ticks, writeTicks(store.tickSink(), tickData), "ticks");
        }
        try (SqliteStore store = open(dir.resolve("both.db"), batchRows)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            long start = System.nanoTime();
            Future<Timing> c = pool.submit((Callable<Timing>) () -> writeCandles(store.candleSink(), candleData));
            Future<Timing> t = pool.submit((Callable<Timing>) () -> writeTicks(store.tickSink(), tickData));
            Timing candleTime = c.get();
            Timing tickTime = t.get();
            long wall = System.nanoTime() - start;
            pool.shutdown();
            report("live candles with ticks", candles, candleTime, "candles");
            report("ticks with live candles", ticks, tickTime, "ticks");
            report("both, wall clock", candles + ticks, new Timing(wall, candleTime.cpuNanos() + tickTime.cpuNanos()), "rows");
            queryLatency(store, instruments);
        }
        deleteAll(dir, args.length > 3);
    }

    private static SqliteStore open(Path file, int batchRows) {
        return SqliteStore.open(SqliteStoreOptions.builder().path(file).maxBatchRows(batchRows).build());
    }

    /** Wall-clock and writer-thread CPU time (user and system) until everything is committed. */
    private record Timing(long wallNanos, long cpuNanos) {
    }

    private static Timing writeCandles(CandleSink sink, List<Candle> data) throws Exception {
        List<Candle> reused = new ArrayList<>(ENGINE_BATCH);
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < data.size(); i += ENGINE_BATCH) {
            reused.clear();
            reused.addAll(data.subList(i, Math.min(data.size(), i + ENGINE_BATCH)));
            sink.onCandles(reused);
            sink.onTimer(System.currentTimeMillis());
        }
        sink.flush();
        return new Timing(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu);
    }

    private static Timing writeTicks(TickSink sink, List<Tick> data) throws Exception {
        List<Tick> reused = new ArrayList<>(ENGINE_BATCH);
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < data.size(); i += ENGINE_BATCH) {
            reused.clear();
            reused.addAll(data.subList(i, Math.min(data.size(), i + ENGINE_BATCH)));
            sink.onBatch(reused);
            sink.onTimer(System.currentTimeMillis());
        }
        sink.flush();
        return new Timing(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu);
    }

    /**
     * The query shapes in {@value #QUERY_ROUNDS} rounds of 2,000 queries each. The first round runs
     * cold, mostly interpreted and compiling (what earlier entries of BENCHMARKS.md report); the last
     * runs on compiled code, as a server does after its first few thousand queries.
     */
    private static void queryLatency(SqliteStore store, int instruments) {
        for (int round = 1; round <= QUERY_ROUNDS; round++) {
            String label = round == 1 ? "" : " warm";
            boolean print = round == 1 || round == QUERY_ROUNDS;
            queries("candles(60 x 1s)", label, print, i -> {
                long from = T0 + (i % 1_000) * 1_000L;
                return store.candles().candles(i % instruments, CandleInterval.S1, new TimeRange(from, from + 60_000), 60)
                        .size();
            });
            queries("ticksByToken(<=100)", label, print, i -> {
                long from = T0 + (i % 100) * 1_000L;
                return store.ticks().ticksByToken(i % instruments, new TimeRange(from, from + 60_000), 100).size();
            });
            queries("ticksBySymbol(<=100)", label, print, i -> {
                long from = T0 + (i % 100) * 1_000L;
                TimeRange range = new TimeRange(from, from + 60_000);
                return store.ticks().ticksBySymbol(Exchange.NSE, "SYM" + i % instruments, range, 100).size();
            });
        }
    }

    /** Runs 2,000 queries on this thread; SQLite works on the caller's thread, so its CPU time is the query's. */
    private static void queries(String what, String label, boolean print, IntUnaryOperator query) {
        int queries = 2_000;
        long rows = 0;
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < queries; i++) {
            rows += query.applyAsInt(i);
        }
        long wall = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (print) {
            System.out.printf(Locale.ROOT, "query%s %-20s %,8d us wall, %,8d us CPU per query (%,d rows in all)%n",
                    label, what, wall / 1_000 / queries, cpu / 1_000 / queries, rows);
        }
    }

    /**
     * Prints the rate by the wall clock and by the writer threads' CPU time; on a shared machine the
     * second tells what the writer costs, the first also how long it waited for a core.
     */
    private static void report(String what, long count, Timing t, String unit) {
        System.out.printf(Locale.ROOT, "%-24s %,12d %s in %,8d ms = %,10.0f %s/s; per writer CPU second %,10.0f%n",
                what, count, unit, t.wallNanos() / 1_000_000, count * 1e9 / t.wallNanos(), unit,
                count * 1e9 / t.cpuNanos());
    }

    /**
     * One-second candles of {@code instruments} instruments, one round per second; every tenth round
     * revises the previous second's candles (an upsert that replaces), the others insert.
     */
    private static List<Candle> candles(int count, int instruments) {
        List<Candle> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int round = i / instruments;
            boolean revision = round % 10 == 9;
            long start = T0 + (revision ? round - 1 : round) * 1_000L;
            long close = 150_000 + (i % 977);
            out.add(new Candle(i % instruments, Exchange.NSE, CandleInterval.S1, start, 2, close - 15, close + 20,
                    close - 30, close, 1_000 + i % 100, 1 + i % 40, revision ? 1 : 0));
        }
        return out;
    }

    /** Full-mode ticks with five-level depth and a 184-byte raw packet, as Kite's full mode sends. */
    private static List<Tick> ticks(int count, int instruments) {
        List<Tick> out = new ArrayList<>(count);
        byte[] raw = new byte[184];
        for (int i = 0; i < count; i++) {
            long price = 150_000 + (i % 977);
            Depth.Builder d = Depth.builder(5);
            for (int level = 0; level < 5; level++) {
                d.bid(price - 5 * (level + 1), 100 + level, 1 + level).ask(price + 5 * (level + 1), 200 + level, 2);
            }
            long time = T0 + i * 3L;
            out.add(Tick.builder().instrumentToken(i % instruments).exchange(Exchange.NSE).tradingSymbol("SYM" + i % instruments)
                    .tradable(true).mode(TickMode.FULL).priceScale(2).lastPrice(price).lastQuantity(10)
                    .averagePrice(price - 3).volume(1_000_000L + i).totalBuyQuantity(5_000).totalSellQuantity(6_000)
                    .open(price - 100).high(price + 100).low(price - 200).close(price - 50).lastTradeTime(time)
                    .exchangeTimestamp(time).receiveTimestamp(time + 2).openInterest(i).depth(d.build())
                    .rawPacket(raw).build().withIngestSequence(i + 1));
        }
        return out;
    }

    private static void deleteAll(Path dir, boolean keep) throws IOException {
        if (keep) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
