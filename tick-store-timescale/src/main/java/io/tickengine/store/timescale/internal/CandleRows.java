package io.tickengine.store.timescale.internal;

import io.tickengine.core.Exchange;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Candle} maps onto {@code candles_1s} (one-second candles, seed 003) and {@code candles}
 * (every coarser interval, keyed by {@code interval_s}). An unknown exchange is stored as {@code ''}
 * because it is part of the primary key.
 */
final class CandleRows {
    static final String STAGE_COLUMNS = "exchange, instrument_token, interval_s, ts, price_scale, open, high, low, "
            + "close, volume, ticks_count, revision";
    static final String VALUES = "price_scale, open, high, low, close, volume, ticks_count, revision";
    private static final int FIELDS = 12;

    private CandleRows() {
    }

    /**
     * One candle per key, the highest revision (the later one on a tie), in first-seen order, so one
     * upsert statement never touches a row twice.
     */
    static List<Candle> latestRevisions(List<Candle> candles) {
        Map<Key, Candle> latest = new LinkedHashMap<>();
        for (Candle c : candles) {
            latest.merge(new Key(c), c, (old, now) -> now.revision() >= old.revision() ? now : old);
        }
        return new ArrayList<>(latest.values());
    }

    static void encode(Candle c, CopyBuffer out) throws java.sql.SQLException {
        out.row(FIELDS);
        out.text(c.exchange() == null ? "" : c.exchange().name());
        out.int8(c.instrumentToken());
        out.int4(c.interval().seconds());
        out.timestamp(c.bucketStart());
        out.int2(c.priceScale());
        out.int8(c.open());
        out.int8(c.high());
        out.int8(c.low());
        out.int8(c.close());
        out.int8(c.volume());
        out.int4(c.tickCount());
        out.int4(c.revision());
    }

    /** Reads a row selected as {@code exchange, instrument_token, ts, } then {@link #VALUES}. */
    static Candle map(ResultSet rs, CandleInterval interval) throws SQLException {
        String exchange = rs.getString(1);
        OffsetDateTime ts = rs.getObject(3, OffsetDateTime.class);
        return new Candle(rs.getLong(2), exchange.isEmpty() ? null : Exchange.of(exchange), interval,
                ts.toInstant().toEpochMilli(), rs.getShort(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getLong(8), rs.getLong(9), rs.getInt(10), rs.getInt(11));
    }

    private static final class Key {
        private final long token;
        private final String exchange;
        private final int interval;
        private final long start;

        Key(Candle c) {
            token = c.instrumentToken();
            exchange = c.exchange() == null ? "" : c.exchange().name();
            interval = c.interval().seconds();
            start = c.bucketStart();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return token == k.token && interval == k.interval && start == k.start && exchange.equals(k.exchange);
        }

        @Override
        public int hashCode() {
            return Objects.hash(token, exchange, interval, start);
        }
    }
}
