package io.tickengine.store.sqlite.internal;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.store.TickHistory;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.sqlite.SqliteStoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link TickHistory} over the {@code ticks} table; every query shape has its own index, and queries by
 * symbol go through {@code tick_symbols} to the key (see {@link Schema}).
 */
public final class SqliteTickHistory implements TickHistory {
    private static final String SELECT = "SELECT " + TickRows.COLUMNS + " FROM ticks";
    private static final String RANGE_ORDER_LIMIT =
            " tick_timestamp >= ? AND tick_timestamp < ? ORDER BY tick_timestamp, ingest_sequence LIMIT ?";

    /** The tokens that carried one exchange and symbol, by the key of {@code tick_symbols}; public for plan tests. */
    public static final String SYMBOL_TOKENS =
            "SELECT instrument_token FROM tick_symbols WHERE exchange = ? AND tradingsymbol = ?";
    /**
     * Ticks of one token while it carried one exchange and symbol, by {@code ticks_key}. The unary plus
     * rules out {@code ticks_exchange_time}, which has the same shape (an equality, then the time range)
     * but holds the whole exchange.
     */
    public static final String BY_SYMBOL_TOKEN = SELECT
            + " WHERE instrument_token = ? AND +exchange = ? AND +tradingsymbol = ? AND" + RANGE_ORDER_LIMIT;
    /** Ticks of one instrument, by the key index {@code ticks_key}. */
    public static final String BY_TOKEN = SELECT + " WHERE instrument_token = ? AND" + RANGE_ORDER_LIMIT;
    /** Ticks of one exchange, by {@code ticks_exchange_time}. */
    public static final String BY_EXCHANGE = SELECT + " WHERE exchange = ? AND" + RANGE_ORDER_LIMIT;
    /** Ticks of every instrument, by {@code ticks_time}. */
    public static final String ALL = SELECT + " WHERE" + RANGE_ORDER_LIMIT;
    /** The last tick time of one instrument, one seek in {@code ticks_key}. */
    public static final String LAST_TIME = "SELECT MAX(tick_timestamp) FROM ticks WHERE instrument_token = ?";
    /** Hops from token to token through the key index, so it costs one seek per instrument, not a scan. */
    public static final String LAST_TIMES = "WITH RECURSIVE t(token) AS ("
            + " SELECT MIN(instrument_token) FROM ticks"
            + " UNION ALL SELECT (SELECT MIN(instrument_token) FROM ticks WHERE instrument_token > t.token)"
            + " FROM t WHERE t.token IS NOT NULL)"
            + " SELECT token, (SELECT MAX(tick_timestamp) FROM ticks WHERE instrument_token = t.token)"
            + " FROM t WHERE token IS NOT NULL";

    private static final TickRows ROWS = new TickRows();
    private static final Comparator<Tick> TIME_ORDER =
            Comparator.comparingLong(Tick::eventTime).thenComparingLong(Tick::ingestSequence);

    private final Jdbi jdbi;

    /** Queries through {@code jdbi}, whose connections are read-only. */
    public SqliteTickHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<Tick> ticksBySymbol(Exchange exchange, String tradingSymbol, TimeRange range, int limit) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(tradingSymbol, "tradingSymbol");
        checkArguments(range, limit);
        if (limit == 0) {
            return List.of();
        }
        try {
            return jdbi.inTransaction(h -> {
                List<Long> tokens = h.createQuery(SYMBOL_TOKENS).bind(0, exchange.name()).bind(1, tradingSymbol)
                        .mapTo(Long.class).list();
                List<Tick> out = new ArrayList<>();
                for (long token : tokens) {
                    out.addAll(h.createQuery(BY_SYMBOL_TOKEN).bind(0, token).bind(1, exchange.name())
                            .bind(2, tradingSymbol).bind(3, range.fromMillis()).bind(4, range.toMillis())
                            .bind(5, limit).map(ROWS).list());
                }
                // Each token's rows are already in order: the sort merges those runs.
                out.sort(TIME_ORDER);
                return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
            });
        } catch (JdbiException e) {
            throw new SqliteStoreException("tick query by symbol failed for " + exchange + ":" + tradingSymbol, e);
        }
    }

    @Override
    public List<Tick> ticksByToken(long instrumentToken, TimeRange range, int limit) {
        return query(BY_TOKEN, range, limit, instrumentToken);
    }

    @Override
    public List<Tick> ticksByExchange(Exchange exchange, TimeRange range, int limit) {
        Objects.requireNonNull(exchange, "exchange");
        return query(BY_EXCHANGE, range, limit, exchange.name());
    }

    @Override
    public List<Tick> ticks(TimeRange range, int limit) {
        return query(ALL, range, limit);
    }

    @Override
    public OptionalLong lastTickTime(long instrumentToken) {
        try {
            return jdbi.withHandle(h -> h.createQuery(LAST_TIME).bind(0, instrumentToken)
                    .map((rs, ctx) -> {
                        long v = rs.getLong(1);
                        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
                    }).one());
        } catch (JdbiException e) {
            throw new SqliteStoreException("last tick time query failed for instrument " + instrumentToken, e);
        }
    }

    /** The last stored tick time of every instrument, for restart recovery. */
    public Map<Long, Long> lastTickTimes() {
        try {
            return jdbi.withHandle(h -> h.createQuery(LAST_TIMES)
                    .reduceRows(new HashMap<Long, Long>(), (m, row) -> {
                        m.put(row.getColumn(1, Long.class), row.getColumn(2, Long.class));
                        return m;
                    }));
        } catch (JdbiException e) {
            throw new SqliteStoreException("last tick times query failed", e);
        }
    }

    private static void checkArguments(TimeRange range, int limit) {
        Objects.requireNonNull(range, "range");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
    }

    private List<Tick> query(String sql, TimeRange range, int limit, Object... keys) {
        checkArguments(range, limit);
        if (limit == 0) {
            return List.of();
        }
        try {
            return jdbi.withHandle(h -> {
                var q = h.createQuery(sql);
                int i = 0;
                for (Object key : keys) {
                    q.bind(i++, key);
                }
                return q.bind(i++, range.fromMillis()).bind(i++, range.toMillis()).bind(i, limit).map(ROWS).list();
            });
        } catch (JdbiException e) {
            throw new SqliteStoreException("tick query failed: " + sql, e);
        }
    }
}
