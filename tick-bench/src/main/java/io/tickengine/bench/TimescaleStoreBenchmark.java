package io.tickengine.bench;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.sink.TickSink;
import io.tickengine.store.timescale.TimescaleStore;
import io.tickengine.store.timescale.TimescaleStoreOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Sustained ticks per second into PostgreSQL through the store's writer, against the ceiling: psql
 * {@code \copy} of the same rows (exported from the table in binary COPY format) into the same, emptied
 * table in one transaction. Loopback only; bounded by the tick count. Uses a fresh database, dropped at
 * the end.
 *
 * <p>Run: {@code java -cp tick-bench/target/benchmarks.jar io.tickengine.bench.TimescaleStoreBenchmark
 * [adminJdbcUrl] [ticks] [rounds]}, defaults {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres},
 * 300,000 and 5. Rounds alternate writer and ceiling; the summary gives medians, because a shared
 * machine makes single runs noisy. Beside the wall clock it reports rows per second of the server
 * backends' CPU time (user and system, read from {@code /proc}, so only for a server on this machine):
 * what the insert itself costs, which a loaded machine does not change as much.
 */
public final class TimescaleStoreBenchmark {
    private static final long T0 = 1_731_988_800_000L;
    private static final int ENGINE_BATCH = 1_024;
    /** Linux's USER_HZ, the unit of CPU times in {@code /proc/<pid>/stat}. */
    private static final int CLOCK_TICKS = 100;

    private TimescaleStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String admin = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String db = "tick_bench_" + UUID.randomUUID().toString().substring(0, 8);
        String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
        Path work = Files.createTempDirectory("tick-bench");
        execute(admin, "CREATE DATABASE " + db);
        try {
            List<Tick> data = generate(ticks);
            double[] writers = new double[rounds];
            double[] ceilings = new double[rounds];
            double[] writerCpu = new double[rounds];
            double[] ceilingCpu = new double[rounds];
            Path copyFile = work.resolve("ticks.copy");
            System.out.printf(Locale.ROOT, "%,d full-mode ticks (5-level depth, 184-byte raw packet), %d rounds%n",
                    ticks, rounds);
            for (int round = 1; round <= rounds; round++) {
                execute(url, "DROP TABLE IF EXISTS kite_ticks_data, tick_symbols, candles_1s, candles, "
                        + "tickengine_schema_history");
                double[] writer = writerRun(url, db, work.resolve("spill-" + round), data);
                check(url, ticks);
                psql(url, "\\copy (SELECT * FROM kite_ticks_data) TO '" + copyFile + "' WITH (FORMAT binary)");
                execute(url, "TRUNCATE kite_ticks_data");
                execute(url, "CHECKPOINT");
                Path cpuLog = work.resolve("psql-cpu-" + round);
                long start = System.nanoTime();
                psql(url, "SELECT pg_backend_pid() AS pid \\gset", "\\setenv BACKEND_PID :pid",
                        "\\! cut -d' ' -f14,15 /proc/$BACKEND_PID/stat >> " + cpuLog,
                        "\\copy kite_ticks_data FROM '" + copyFile + "' WITH (FORMAT binary)",
                        "\\! cut -d' ' -f14,15 /proc/$BACKEND_PID/stat >> " + cpuLog);
                double ceiling = ticks / seconds(start);
                double ceilingCpuSeconds = psqlCpuSeconds(cpuLog);
                check(url, ticks);
                writers[round - 1] = writer[0];
                ceilings[round - 1] = ceiling;
                writerCpu[round - 1] = ticks / writer[1];
                ceilingCpu[round - 1] = ticks / ceilingCpuSeconds;
                System.out.printf(Locale.ROOT, "round %d: writer %,.0f ticks/s, psql \\copy ceiling %,.0f ticks/s,"
                        + " writer/ceiling %.0f%%; per backend CPU second: writer %,.0f, ceiling %,.0f (%.0f%%)%n",
                        round, writer[0], ceiling, 100 * writer[0] / ceiling, writerCpu[round - 1],
                        ceilingCpu[round - 1], 100 * writerCpu[round - 1] / ceilingCpu[round - 1]);
            }
            double w = median(writers);
            double c = median(ceilings);
            double wc = median(writerCpu);
            double cc = median(ceilingCpu);
            System.out.printf(Locale.ROOT, "median: writer %,.0f ticks/s, ceiling %,.0f ticks/s, writer/ceiling %.0f%%;"
                    + " per backend CPU second: writer %,.0f, ceiling %,.0f (%.0f%%)%n", w, c, 100 * w / c, wc, cc,
                    100 * wc / cc);
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            try (var files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Feeds the sink the way the engine's sink thread does, never past the memory buffer, then flushes;
     * returns ticks per second and the CPU seconds the database's backends spent meanwhile.
     */
    private static double[] writerRun(String url, String db, Path spill, List<Tick> data) throws Exception {
        TimescaleStoreOptions options = TimescaleStoreOptions.builder(url).spillDirectory(spill).build();
        try (TimescaleStore store = TimescaleStore.create(options)) {
            execute(url, "CHECKPOINT");
            TickSink sink = store.tickSink();
            int room = options.memoryBufferRows() - ENGINE_BATCH;
            Map<Integer, Long> cpuBefore = backendTicks(url, db);
            long start = System.nanoTime();
            for (int i = 0; i < data.size(); i += ENGINE_BATCH) {
                while (store.health().memoryBacklog() > room) {
                    TimeUnit.MICROSECONDS.sleep(200);
                }
                sink.onBatch(data.subList(i, Math.min(data.size(), i + ENGINE_BATCH)));
                sink.onTimer(System.currentTimeMillis());
            }
            if (!store.flush()) {
                throw new IllegalStateException("flush did not reach the database: " + store.health());
            }
            double rate = data.size() / seconds(start);
            Map<Integer, Long> cpuAfter = backendTicks(url, db);
            long ticks = 0;
            for (Map.Entry<Integer, Long> e : cpuAfter.entrySet()) {
                ticks += e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
            }
            if (store.health().spillBytes() != 0) {
                throw new IllegalStateException("the run spilled; the numbers would not be comparable");
            }
            return new double[] {rate, ticks / (double) CLOCK_TICKS};
        }
    }

    private static List<Tick> generate(int n) {
        List<Tick> out = new ArrayList<>(n);
        byte[] raw = new byte[184];
        for (int i = 0; i < n; i++) {
            long token = 256_265 + (i % 500) * 256L;
            long price = 150_000 + i % 5_000;
            long ts = T0 + (i / 500) * 1_000L;
            Depth.Builder depth = Depth.builder(5);
            for (int l = 0; l < 5; l++) {
                depth.bid(price - 5 * (l + 1), 100 + l, l + 1).ask(price + 5 * (l + 1), 200 + l, l + 2);
            }
            raw[0] = (byte) i;
            out.add(Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol("SYM" + (i % 500))
                    .tradable(true).mode(TickMode.FULL).priceScale(2).lastPrice(price).lastQuantity(10)
                    .averagePrice(price - 3).volume(1_000_000L + i).totalBuyQuantity(5_000).totalSellQuantity(6_000)
                    .open(149_000).high(152_000).low(148_000).close(149_500).lastTradeTime(ts).exchangeTimestamp(ts)
                    .receiveTimestamp(ts + i % 1_000).openInterest(i).depth(depth.build()).rawPacket(raw.clone())
                    .build().withIngestSequence(i + 1L));
        }
        return out;
    }

    private static void check(String url, long expected) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM kite_ticks_data")) {
            rs.next();
            if (rs.getLong(1) != expected) {
                throw new IllegalStateException("expected " + expected + " rows, found " + rs.getLong(1));
            }
        }
    }

    /**
     * CPU clock ticks (user + system) of every other backend connected to {@code db}, by process id. The
     * store's pool stays open across the run, so its backends are all counted.
     */
    private static Map<Integer, Long> backendTicks(String url, String db) throws SQLException, IOException {
        Map<Integer, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = '" + db
                     + "' AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                Path stat = Path.of("/proc", Integer.toString(rs.getInt(1)), "stat");
                if (Files.exists(stat)) {
                    out.put(rs.getInt(1), cpuTicks(Files.readString(stat)));
                }
            }
        }
        return out;
    }

    /** utime + stime, fields 14 and 15 of a {@code /proc/<pid>/stat} line, counted after the parenthesised name. */
    private static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CPU seconds between the two samples psql wrote (utime stime per line). */
    private static double psqlCpuSeconds(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        if (lines.size() != 2) {
            throw new IOException("expected two CPU samples from psql in " + log + ", found " + lines);
        }
        long[] t = new long[2];
        for (int i = 0; i < 2; i++) {
            String[] f = lines.get(i).trim().split(" ");
            t[i] = Long.parseLong(f[0]) + Long.parseLong(f[1]);
        }
        return (t[1] - t[0]) / (double) CLOCK_TICKS;
    }

    /** Runs the lines as one psql script, so backslash commands and SQL share a session. */
    private static void psql(String jdbcUrl, String... lines) throws IOException, InterruptedException {
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = u.getQuery() == null ? "postgres" : u.getQuery().replaceAll(".*user=([^&]+).*", "$1");
        String conninfo = "host=" + u.getHost() + " port=" + (u.getPort() < 0 ? 5432 : u.getPort()) + " dbname="
                + u.getPath().substring(1) + " user=" + user;
        Path script = Files.createTempFile("tick-bench", ".psql");
        try {
            Files.write(script, List.of(lines));
            Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-f",
                    script.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("psql failed: " + String.join("; ", lines));
            }
        } finally {
            Files.delete(script);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
