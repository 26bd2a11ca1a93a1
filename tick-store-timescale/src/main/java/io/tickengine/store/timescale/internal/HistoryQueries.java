package io.tickengine.store.timescale.internal;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.timescale.StoreQueryException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

/**
 * The history queries over {@code kite_ticks_data}, {@code candles_1s} and {@code candles}. Queries by token
 * and by symbol (through {@code tick_symbols}) read the primary key in result order; queries by exchange
 * or by time alone read the b-tree on {@code tick_timestamp} in time order with an incremental sort by sequence
 * (see the module README for the plans).
 */
public final class HistoryQueries {
    static final String TICKS = "SELECT " + TickRows.COLUMNS + " FROM kite_ticks_data WHERE ";
    static final String RANGE = " tick_timestamp >= :from AND tick_timestamp < :to "
            + "ORDER BY tick_timestamp, ingest_sequence LIMIT :limit";
    /**
     * The symbol's tokens from {@code tick_symbols}, then for each token its first {@code limit} ticks in the
     * range through the primary key (rows of a token that carried another symbol are left out), merged.
     */
    static final String BY_SYMBOL = "SELECT k.* FROM tick_symbols s CROSS JOIN LATERAL (SELECT " + TickRows.COLUMNS
            + " FROM kite_ticks_data t WHERE t.instrument_token = s.instrument_token AND t.exchange = s.exchange "
            + "AND t.tradingsymbol = s.tradingsymbol AND" + RANGE + ") k "
            + "WHERE s.exchange = :exchange AND s.tradingsymbol = :symbol "
            + "ORDER BY k.tick_timestamp, k.ingest_sequence LIMIT :limit";
    static final String BY_TOKEN = TICKS + "instrument_token = :token AND" + RANGE;
    static final String BY_EXCHANGE = TICKS + "exchange = :exchange AND" + RANGE;
    static final String ALL = TICKS + RANGE;
    static final String LAST_TICK = "SELECT max(tick_timestamp) FROM kite_ticks_data WHERE instrument_token = :token";
    static final String CANDLES_1S = "SELECT exchange, instrument_token, ts, " + CandleRows.VALUES
            + " FROM candles_1s WHERE instrument_token = :token AND ts >= :from AND ts < :to ORDER BY ts LIMIT :limit";
    static final String CANDLES = "SELECT exchange, instrument_token, ts, " + CandleRows.VALUES
            + " FROM candles WHERE instrument_token = :token AND interval_s = :interval AND ts >= :from AND ts < :to "
            + "ORDER BY ts LIMIT :limit";
    static final String LAST_CANDLE_1S = "SELECT max(ts) FROM candles_1s WHERE instrument_token = :token";
    static final String LAST_CANDLE = "SELECT max(ts) FROM candles WHERE instrument_token = :token "
            + "AND interval_s = :interval";

    private static final long MIN_MILLIS = OffsetDateTime.of(-4_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant()
            .toEpochMilli();
    private static final long MAX_MILLIS = OffsetDateTime.of(200_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant()
            .toEpochMilli();

    private final Jdbi jdbi;

    /** Queries through {@code jdbi}, which must have the Postgres plugin installed. */
    public HistoryQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Ticks of one exchange and trading symbol in the range, by time then ingest sequence, whatever
     * instrument token they carried (a symbol re-listed under a new token keeps its history).
     */
    public List<Tick> ticksBySymbol(Exchange exchange, String symbol, TimeRange range, int limit) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "tradingSymbol");
        return ticks(BY_SYMBOL, range, limit, q -> q.bind("exchange", exchange.name()).bind("symbol", symbol));
    }

    /** Ticks of one instrument in the range, by time then ingest sequence. */
    public List<Tick> ticksByToken(long token, TimeRange range, int limit) {
        return ticks(BY_TOKEN, range, limit, q -> q.bind("token", token));
    }

    /** Ticks of one exchange in the range, by time then ingest sequence. */
    public List<Tick> ticksByExchange(Exchange exchange, TimeRange range, int limit) {
        Objects.requireNonNull(exchange, "exchange");
        return ticks(BY_EXCHANGE, range, limit, q -> q.bind("exchange", exchange.name()));
    }

    /** Ticks of every instrument in the range, by time then ingest sequence. */
    public List<Tick> ticks(TimeRange range, int limit) {
        return ticks(ALL, range, limit, q -> q);
    }

    /** Event time of the instrument's last stored tick. */
    public OptionalLong lastTickTime(long token) {
        return last(LAST_TICK, q -> q.bind("token", token));
    }

    /** Candles of one instrument and interval starting in the range, by start. */
    public List<Candle> candles(long token, CandleInterval interval, TimeRange range, int limit) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(range, "range");
        checkLimit(limit);
        boolean oneSecond = interval.seconds() == 1;
        try {
            return jdbi.withHandle(h -> {
                Query q = h.createQuery(oneSecond ? CANDLES_1S : CANDLES).bind("token", token);
                if (!oneSecond) {
                    q.bind("interval", interval.seconds());
                }
                return q.bind("from", time(range.fromMillis())).bind("to", time(range.toMillis())).bind("limit", limit)
                        .map((rs, ctx) -> CandleRows.map(rs, interval)).list();
            });
        } catch (JdbiException e) {
            throw new StoreQueryException("candle query failed for " + token + " " + interval + ": " + e.getMessage(), e);
        }
    }

    /** Start of the instrument's last stored candle of the interval. */
    public OptionalLong lastCandleStart(long token, CandleInterval interval) {
        Objects.requireNonNull(interval, "interval");
        boolean oneSecond = interval.seconds() == 1;
        return last(oneSecond ? LAST_CANDLE_1S : LAST_CANDLE,
                q -> oneSecond ? q.bind("token", token) : q.bind("token", token).bind("interval", interval.seconds()));
    }

    private List<Tick> ticks(String sql, TimeRange range, int limit, UnaryOperator<Query> binds) {
        Objects.requireNonNull(range, "range");
        checkLimit(limit);
        try {
            return jdbi.withHandle(h -> binds.apply(h.createQuery(sql)).bind("from", time(range.fromMillis()))
                    .bind("to", time(range.toMillis())).bind("limit", limit)
                    .map((rs, ctx) -> TickRows.map(rs)).list());
        } catch (JdbiException e) {
            throw new StoreQueryException("tick query failed: " + e.getMessage(), e);
        }
    }

    private OptionalLong last(String sql, UnaryOperator<Query> binds) {
        try {
            OffsetDateTime t = jdbi.withHandle(h -> binds.apply(h.createQuery(sql))
                    .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class)).list().get(0));
            return t == null ? OptionalLong.empty() : OptionalLong.of(t.toInstant().toEpochMilli());
        } catch (JdbiException e) {
            throw new StoreQueryException("last-time query failed: " + e.getMessage(), e);
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
    }

    /** A range bound as a timestamptz, clamped to years PostgreSQL can hold (an open-ended range is common). */
    static OffsetDateTime time(long epochMillis) {
        long clamped = Math.max(MIN_MILLIS, Math.min(MAX_MILLIS, epochMillis));
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(clamped), ZoneOffset.UTC);
    }
}
