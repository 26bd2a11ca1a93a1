package io.tickengine.store.sqlite.internal;

import io.tickengine.core.Exchange;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.store.CandleHistory;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.sqlite.SqliteStoreException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** {@link CandleHistory} over the per-interval candle tables, by their {@code (token, ts)} index. */
public final class SqliteCandleHistory implements CandleHistory {
    private final Jdbi jdbi;
    private final CandleTables tables;

    /** Queries through {@code jdbi}, whose connections are read-only, over the tables {@code tables} knows. */
    public SqliteCandleHistory(Jdbi jdbi, CandleTables tables) {
        this.jdbi = jdbi;
        this.tables = tables;
    }

    /** The range query over one interval's table, public so tests can check its plan. */
    public static String candlesQuery(CandleInterval interval) {
        return "SELECT exchange, token, ts, price_scale, open, high, low, close, volume, ticks_count, revision FROM "
                + CandleTables.table(interval) + " WHERE token = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?";
    }

    /** The restart-recovery query of one instrument. */
    public static String lastStartQuery(CandleInterval interval) {
        return "SELECT MAX(ts) FROM " + CandleTables.table(interval) + " WHERE token = ?";
    }

    /** The restart-recovery query of every instrument, one index seek per instrument. */
    public static String lastStartsQuery(CandleInterval interval) {
        String t = CandleTables.table(interval);
        return "WITH RECURSIVE k(token) AS (SELECT MIN(token) FROM " + t
                + " UNION ALL SELECT (SELECT MIN(token) FROM " + t + " WHERE token > k.token) FROM k"
                + " WHERE k.token IS NOT NULL)"
                + " SELECT token, (SELECT MAX(ts) FROM " + t + " WHERE token = k.token) FROM k WHERE token IS NOT NULL";
    }

    @Override
    public List<Candle> candles(long instrumentToken, CandleInterval interval, TimeRange range, int limit) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(range, "range");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return withTable(interval, List.of(), h -> h.createQuery(candlesQuery(interval))
                .bind(0, instrumentToken).bind(1, range.fromMillis()).bind(2, range.toMillis()).bind(3, limit)
                .map((rs, ctx) -> {
                    String exchange = rs.getString(1);
                    return new Candle(rs.getLong(2), exchange.isEmpty() ? null : Exchange.of(exchange), interval,
                            rs.getLong(3), rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                            rs.getLong(9), rs.getInt(10), rs.getInt(11));
                }).list());
    }

    @Override
    public OptionalLong lastCandleStart(long instrumentToken, CandleInterval interval) {
        Objects.requireNonNull(interval, "interval");
        return withTable(interval, OptionalLong.empty(), h -> h.createQuery(lastStartQuery(interval))
                .bind(0, instrumentToken)
                .map((rs, ctx) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
                }).one());
    }

    /** Start of the last stored bucket of every instrument for an interval, for restart recovery. */
    public Map<Long, Long> lastCandleStarts(CandleInterval interval) {
        Objects.requireNonNull(interval, "interval");
        return withTable(interval, Map.of(), h -> h.createQuery(lastStartsQuery(interval))
                .reduceRows(new HashMap<Long, Long>(), (m, row) -> {
                    m.put(row.getColumn(1, Long.class), row.getColumn(2, Long.class));
                    return m;
                }));
    }

    private interface Query<R> {
        R run(Handle h);
    }

    private <R> R withTable(CandleInterval interval, R whenMissing, Query<R> query) {
        try {
            return jdbi.withHandle(h -> tables.exists(h.getConnection(), interval) ? query.run(h) : whenMissing);
        } catch (JdbiException | SQLException e) {
            throw new SqliteStoreException("candle query failed on " + CandleTables.table(interval), e);
        }
    }
}
