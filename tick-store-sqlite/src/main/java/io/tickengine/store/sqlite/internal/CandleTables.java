package io.tickengine.store.sqlite.internal;

import io.tickengine.core.candle.CandleInterval;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One table per candle interval, all of seed 003's {@code candles_1s} shape: {@code candles_1s},
 * {@code candles_1m}, {@code candles_15m}, ... The migrations create {@code candles_1s}; the candle
 * writer creates the others the first time it sees their interval. Thread-safe.
 */
public final class CandleTables {
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** The table of an interval; labels are digits and one of s, m, h, d, so they are safe in SQL. */
    public static String table(CandleInterval interval) {
        return "candles_" + interval.label();
    }

    /**
     * The table, seed 003's shape with exact prices at {@code price_scale} and the revision kept for
     * late updates. {@code exchange} is '' when unknown, because key columns must not be null. The
     * key is seed 003's {@code (exchange, token, ts)} led by the token, so the table itself answers
     * queries by token (history, restart recovery) and a commit updates one b-tree, not two (schema 2).
     * Schema 2's migration rebuilds tables with this; a later change of shape needs a new migration
     * and a frozen copy of this one, as {@code Schema} keeps version 1's.
     */
    static String createTable(String label) {
        return "CREATE TABLE IF NOT EXISTS candles_" + label + " ("
                + " exchange TEXT NOT NULL,"
                + " token INTEGER NOT NULL,"
                + " ts INTEGER NOT NULL," // bucket start, epoch ms UTC
                + " price_scale INTEGER NOT NULL,"
                + " open INTEGER NOT NULL,"
                + " high INTEGER NOT NULL,"
                + " low INTEGER NOT NULL,"
                + " close INTEGER NOT NULL,"
                + " volume INTEGER NOT NULL,"
                + " ticks_count INTEGER NOT NULL,"
                + " revision INTEGER NOT NULL,"
                + " PRIMARY KEY (token, ts, exchange)"
                + ") STRICT, WITHOUT ROWID";
    }

    /** The columns in table order. */
    static final String COLUMNS = "exchange, token, ts, price_scale, open, high, low, close, volume, ticks_count, revision";

    /** Upserts a candle; a stored revision is replaced only by a higher one, so retries and stale revisions change nothing. */
    static String upsert(String table) {
        return "INSERT INTO " + table
                + " (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (token, ts, exchange) DO UPDATE SET price_scale = excluded.price_scale,"
                + " open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,"
                + " volume = excluded.volume, ticks_count = excluded.ticks_count, revision = excluded.revision"
                + " WHERE excluded.revision > " + table + ".revision";
    }

    /**
     * Creates the interval's table if missing; call inside the writer's transaction, and call
     * {@link #created} once it commits, so a rolled-back create is made again on the next attempt.
     */
    void ensure(Connection c, CandleInterval interval) throws SQLException {
        String label = interval.label();
        if (known.contains(label)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(createTable(label));
        }
    }

    /** Records that the interval's table exists, after the transaction that created it committed. */
    void created(CandleInterval interval) {
        known.add(interval.label());
    }

    /** Whether the interval's table exists; asks the file once per interval until it does. */
    public boolean exists(Connection c, CandleInterval interval) throws SQLException {
        String label = interval.label();
        if (known.contains(label)) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table(interval));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    known.add(label);
                    return true;
                }
                return false;
            }
        }
    }
}
