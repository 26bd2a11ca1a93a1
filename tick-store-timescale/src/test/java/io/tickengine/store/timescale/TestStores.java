package io.tickengine.store.timescale;

import io.tickengine.testkit.PostgresDatabase;
import io.tickengine.testkit.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Options and SQL helpers the store's integration tests share. */
final class TestStores {
    private TestStores() {
    }

    /** Options for a test database with short timeouts and backoffs, so failures show quickly. */
    static TimescaleStoreOptions.Builder options(String jdbcUrl, Path spill) {
        return TimescaleStoreOptions.builder(jdbcUrl).spillDirectory(spill).connectTimeout(Duration.ofSeconds(1))
                .socketTimeout(Duration.ofSeconds(10)).retryBackoff(Duration.ofMillis(20))
                .maxRetryBackoff(Duration.ofMillis(200));
    }

    static TimescaleStoreOptions.Builder options(PostgresDatabase db, Path spill) {
        return options(db.jdbcUrl(), spill);
    }

    /** A database of one test's own on the test server, dropped on close. */
    record Scratch(String name, String url) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            execute(TestServices.adminJdbcUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Creates a scratch database named {@code prefix} plus a random suffix. */
    static Scratch scratchDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestServices.adminJdbcUrl();
        execute(admin, "CREATE DATABASE " + name);
        return new Scratch(name, admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
    }

    /**
     * Opens and closes two stores on {@code jdbcUrl} at the same moment, as two processes starting
     * together would, with spill directories {@code x} and {@code y} under {@code spill}.
     *
     * @return whether each used TimescaleDB
     */
    static List<Boolean> openTwoAtOnce(String jdbcUrl, Path spill) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Boolean>> runs = new ArrayList<>();
            for (String dir : List.of("x", "y")) {
                runs.add(pool.submit(() -> {
                    start.await();
                    try (TimescaleStore s = TimescaleStore.create(options(jdbcUrl, spill.resolve(dir)).build())) {
                        return s.timescaleEnabled();
                    }
                }));
            }
            List<Boolean> out = new ArrayList<>();
            for (Future<Boolean> run : runs) {
                out.add(run.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Empties the store's tables. */
    static void truncate(PostgresDatabase db) throws SQLException {
        execute(db.jdbcUrl(), "TRUNCATE kite_ticks_data, tick_symbols, candles_1s, candles");
    }

    static void execute(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
