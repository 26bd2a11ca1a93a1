package io.tickengine.store.sqlite.internal;

import io.tickengine.store.sqlite.UnsupportedSchemaException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema and its migrations, versioned by {@code PRAGMA user_version}. Each migration runs with
 * the version bump in one {@code BEGIN IMMEDIATE} transaction, so two processes opening the same new
 * file apply it once, and a crash mid-migration leaves the previous version intact.
 */
public final class Schema {
    /**
     * Ticks (seed 000's kite_ticks_data columns plus the decoded tick); the unique index
     * {@code ticks_key} also serves queries by token and, through {@code tick_symbols}, by symbol. The
     * key is the tick's identity within one engine: the engine numbers every tick
     * ({@code ingest_sequence}), so ticks sharing a timestamp never collide, while a retried batch
     * carries the same numbers and is ignored. The receive time makes a collision after a restart
     * (sequences start again at 1) need the same instrument, event time, sequence and receive
     * millisecond.
     */
    private static final String TICKS = "CREATE TABLE ticks ("
            + " instrument_token INTEGER NOT NULL,"
            + " tradingsymbol TEXT,"
            + " exchange TEXT,"
            + " tick_timestamp INTEGER NOT NULL," // event time, epoch ms UTC
            + " ingest_sequence INTEGER NOT NULL,"
            + " receive_timestamp INTEGER NOT NULL,"
            + " exchange_timestamp INTEGER NOT NULL,"
            + " mode TEXT NOT NULL,"
            + " tradable INTEGER NOT NULL,"
            + " price_scale INTEGER NOT NULL,"
            + " last_price INTEGER NOT NULL,"
            + " last_quantity INTEGER NOT NULL,"
            + " average_price INTEGER NOT NULL,"
            + " volume INTEGER NOT NULL,"
            + " total_buy_quantity INTEGER NOT NULL,"
            + " total_sell_quantity INTEGER NOT NULL,"
            + " open INTEGER NOT NULL,"
            + " high INTEGER NOT NULL,"
            + " low INTEGER NOT NULL,"
            + " close INTEGER NOT NULL,"
            + " change INTEGER NOT NULL,"
            + " last_trade_time INTEGER NOT NULL,"
            + " feed_sequence INTEGER NOT NULL,"
            + " open_interest INTEGER NOT NULL,"
            + " oi_day_high INTEGER NOT NULL,"
            + " oi_day_low INTEGER NOT NULL,"
            + " oi_change_percent REAL," // null when the feed does not give it
            + " upper_circuit INTEGER NOT NULL,"
            + " lower_circuit INTEGER NOT NULL,"
            + " week52_high INTEGER NOT NULL,"
            + " week52_low INTEGER NOT NULL,"
            + " depth BLOB," // DepthCodec
            + " raw_tick_data BLOB"
            + ") STRICT";

    /**
     * Every {@code (exchange, tradingsymbol, instrument_token)} a stored tick carried, which queries by
     * symbol look up before reading {@code ticks_key} per token. A symbol re-listed under a new token
     * has a row per token. The tick writer adds a batch's new triples in the batch's own transaction,
     * so the table is never behind the ticks; ticks without an exchange or a symbol have no row.
     */
    private static final String TICK_SYMBOLS = "CREATE TABLE tick_symbols ("
            + " exchange TEXT NOT NULL, tradingsymbol TEXT NOT NULL, instrument_token INTEGER NOT NULL,"
            + " PRIMARY KEY (exchange, tradingsymbol, instrument_token)) STRICT, WITHOUT ROWID";

    /** Version 1's candle table (exchange-led key and a second index by token); kept as applied. */
    private static final String CANDLES_1S_V1 = "CREATE TABLE IF NOT EXISTS candles_1s ("
            + " exchange TEXT NOT NULL, token INTEGER NOT NULL, ts INTEGER NOT NULL, price_scale INTEGER NOT NULL,"
            + " open INTEGER NOT NULL, high INTEGER NOT NULL, low INTEGER NOT NULL, close INTEGER NOT NULL,"
            + " volume INTEGER NOT NULL, ticks_count INTEGER NOT NULL, revision INTEGER NOT NULL,"
            + " PRIMARY KEY (exchange, token, ts)) STRICT, WITHOUT ROWID";

    /**
     * Migrations by version: index 0 takes an empty file to version 1. Append only; never edit one.
     * Version 2 re-keys every candle table on {@code (token, ts, exchange)} and drops its separate
     * token index, which halves the pages a live-order commit writes. Version 3 replaces the index
     * {@code ticks_symbol_time} by the table {@link #TICK_SYMBOLS}: like {@code ticks_key}, that index
     * led with a per-instrument value, so each live-order commit wrote one of its leaves per instrument.
     */
    private static final List<Migration> MIGRATIONS = List.of(
            statements(
                    TICKS,
                    "CREATE UNIQUE INDEX ticks_key ON ticks (instrument_token, tick_timestamp, ingest_sequence, receive_timestamp)",
                    "CREATE INDEX ticks_symbol_time ON ticks (exchange, tradingsymbol, tick_timestamp, ingest_sequence)",
                    "CREATE INDEX ticks_exchange_time ON ticks (exchange, tick_timestamp, ingest_sequence)",
                    "CREATE INDEX ticks_time ON ticks (tick_timestamp, ingest_sequence)",
                    CANDLES_1S_V1,
                    "CREATE INDEX IF NOT EXISTS candles_1s_token_ts ON candles_1s (token, ts)"),
            Schema::rekeyCandleTables,
            statements(
                    TICK_SYMBOLS,
                    "INSERT OR IGNORE INTO tick_symbols (exchange, tradingsymbol, instrument_token)"
                            + " SELECT DISTINCT exchange, tradingsymbol, instrument_token FROM ticks"
                            + " WHERE exchange IS NOT NULL AND tradingsymbol IS NOT NULL",
                    "DROP INDEX ticks_symbol_time"));

    /** One schema step, run inside the migration's transaction. */
    @FunctionalInterface
    private interface Migration {
        void apply(Statement s) throws SQLException;
    }

    /** The version this library writes. */
    public static final int VERSION = MIGRATIONS.size();

    private Schema() {
    }

    /**
     * Brings the file to {@link #VERSION} and returns the version it had before.
     *
     * @throws UnsupportedSchemaException when the file is newer than this library
     */
    public static int migrate(Connection connection) throws SQLException {
        return migrate(connection, VERSION);
    }

    /**
     * Brings the file to {@code target} (at most {@link #VERSION}) and returns the version it had
     * before; tests use it to make files of an older version.
     *
     * @throws UnsupportedSchemaException when the file is newer than {@code target}
     */
    public static int migrate(Connection connection, int target) throws SQLException {
        if (target < 1 || target > VERSION) {
            throw new IllegalArgumentException("target version must be 1.." + VERSION + ", was " + target);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                int found = userVersion(s);
                if (found > target) {
                    throw new UnsupportedSchemaException("database schema version " + found
                            + " is newer than this library's " + target + "; upgrade tickengine to open it");
                }
                for (int v = found; v < target; v++) {
                    MIGRATIONS.get(v).apply(s);
                }
                s.execute("PRAGMA user_version = " + target);
                s.execute("COMMIT");
                return found;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static Migration statements(String... sql) {
        return s -> {
            for (String statement : sql) {
                s.execute(statement);
            }
        };
    }

    /** Rebuilds each candle table in the new shape (SQLite cannot change a primary key in place); drops its old index with it. */
    private static void rekeyCandleTables(Statement s) throws SQLException {
        List<String> labels = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT substr(name, 9) FROM sqlite_master WHERE type = 'table'"
                + " AND name GLOB 'candles_[0-9]*'")) {
            while (rs.next()) {
                labels.add(rs.getString(1));
            }
        }
        for (String label : labels) {
            String table = "candles_" + label;
            s.execute(CandleTables.createTable("v2_" + label));
            s.execute("INSERT INTO candles_v2_" + label + " (" + CandleTables.COLUMNS + ") SELECT "
                    + CandleTables.COLUMNS + " FROM " + table);
            s.execute("DROP TABLE " + table);
            s.execute("ALTER TABLE candles_v2_" + label + " RENAME TO " + table);
        }
    }

    /** The file's schema version. */
    public static int userVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
