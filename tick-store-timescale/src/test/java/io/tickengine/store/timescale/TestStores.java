package io.tickengine.store.timescale;

import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

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
