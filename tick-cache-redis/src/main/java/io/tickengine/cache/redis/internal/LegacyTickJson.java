package io.tickengine.cache.redis.internal;

import io.tickengine.cache.redis.RedisCacheException;
import io.tickengine.core.Exchange;
import io.tickengine.core.Prices;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.MarketTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Seed 000's {@code TickDto} JSON, for the legacy List layout: {@code symbol, instrumentToken, type
 * (INDEX|STOCK), timestamp (ISO-8601 at +05:30), lastTradedPrice, volume, ohlc{open,high,low,close}},
 * plus {@code exchange, priceScale, ingestSequence} that lenient readers ignore. Prices are written as
 * exact JSON number literals (never through double).
 */
public final class LegacyTickJson {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private LegacyTickJson() {
    }

    public static String write(Tick t, String symbol) {
        int scale = t.priceScale();
        StringBuilder sb = new StringBuilder(256);
        Json.quote(sb.append("{\"symbol\":"), symbol).append(",\"instrumentToken\":").append(t.instrumentToken())
                .append(",\"type\":\"").append(t.tradable() ? "STOCK" : "INDEX").append("\",\"timestamp\":\"");
        ISO_MILLIS.formatTo(Instant.ofEpochMilli(t.eventTime()).atOffset(MarketTime.IST_OFFSET), sb);
        Prices.appendTo(sb.append("\",\"lastTradedPrice\":"), t.lastPrice(), scale);
        sb.append(",\"volume\":").append(t.volume());
        if ((t.open() | t.high() | t.low() | t.close()) != 0) {
            Prices.appendTo(sb.append(",\"ohlc\":{\"open\":"), t.open(), scale);
            Prices.appendTo(sb.append(",\"high\":"), t.high(), scale);
            Prices.appendTo(sb.append(",\"low\":"), t.low(), scale);
            Prices.appendTo(sb.append(",\"close\":"), t.close(), scale).append('}');
        }
        if (t.exchange() != null) {
            Json.quote(sb.append(",\"exchange\":"), t.exchange().name());
        }
        return sb.append(",\"priceScale\":").append(scale).append(",\"ingestSequence\":").append(t.ingestSequence())
                .append('}').toString();
    }

    /**
     * Parses a TickDto document, from this writer or from the seed's.
     *
     * @throws RedisCacheException when it is not one
     */
    public static Tick read(String json) {
        try {
            Map<String, Object> m = Json.parseObject(json);
            String last = m.get("lastTradedPrice").toString();
            int scale = m.containsKey("priceScale") ? ((Number) m.get("priceScale")).intValue() : scaleOf(last);
            long time = OffsetDateTime.parse((String) m.get("timestamp")).toInstant().toEpochMilli();
            Tick.Builder b = Tick.builder().tradingSymbol((String) m.get("symbol"))
                    .instrumentToken(((Number) m.get("instrumentToken")).longValue())
                    .tradable(!"INDEX".equals(m.get("type"))).priceScale(scale).lastPrice(Prices.parse(last, scale))
                    .volume(m.get("volume") == null ? 0 : ((Number) m.get("volume")).longValue())
                    .exchangeTimestamp(time).receiveTimestamp(time).mode(TickMode.LTP);
            Object ohlc = m.get("ohlc");
            if (ohlc instanceof Map) {
                Map<?, ?> o = (Map<?, ?>) ohlc;
                b.mode(TickMode.QUOTE).open(Prices.parse(o.get("open").toString(), scale))
                        .high(Prices.parse(o.get("high").toString(), scale))
                        .low(Prices.parse(o.get("low").toString(), scale))
                        .close(Prices.parse(o.get("close").toString(), scale));
            }
            Object exchange = m.get("exchange");
            if (exchange instanceof String) {
                b.exchange(Exchange.of((String) exchange));
            }
            Tick tick = b.build();
            Object seq = m.get("ingestSequence");
            return seq instanceof Number ? tick.withIngestSequence(((Number) seq).longValue()) : tick;
        } catch (RuntimeException e) {
            throw new RedisCacheException("not a TickDto document: " + e.getMessage(), e);
        }
    }

    private static int scaleOf(String decimal) {
        int dot = decimal.indexOf('.');
        return Math.max(2, dot < 0 ? 0 : decimal.length() - dot - 1);
    }
}
