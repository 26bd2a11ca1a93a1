package io.tickengine.cache.redis.internal;

import io.tickengine.cache.redis.RedisCacheException;
import io.tickengine.core.Exchange;
import io.tickengine.core.Prices;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import java.util.Map;

/**
 * The candle document stored in latest values and streams and published on candle channels:
 * {@code {"token":408065,"exchange":"NSE","interval":"1s","ts":1732000000000,"scale":2,"open":"1573.70",
 * "high":"1574.00","low":"1573.50","close":"1573.90","volume":1200,"ticks":7,"rev":0}}. Prices are exact
 * decimal strings; {@code ts} is the bucket start in epoch milliseconds UTC.
 */
public final class CandleJson {
    private CandleJson() {
    }

    public static String write(Candle c) {
        StringBuilder sb = new StringBuilder(200).append("{\"token\":").append(c.instrumentToken());
        if (c.exchange() != null) {
            Json.quote(sb.append(",\"exchange\":"), c.exchange().name());
        }
        sb.append(",\"interval\":\"").append(c.interval().label()).append("\",\"ts\":").append(c.bucketStart())
                .append(",\"scale\":").append(c.priceScale());
        price(sb, "open", c.open(), c.priceScale());
        price(sb, "high", c.high(), c.priceScale());
        price(sb, "low", c.low(), c.priceScale());
        price(sb, "close", c.close(), c.priceScale());
        return sb.append(",\"volume\":").append(c.volume()).append(",\"ticks\":").append(c.tickCount())
                .append(",\"rev\":").append(c.revision()).append('}').toString();
    }

    /**
     * Parses a candle document.
     *
     * @throws RedisCacheException when it is not one
     */
    public static Candle read(String json) {
        try {
            Map<String, Object> m = Json.parseObject(json);
            int scale = num(m, "scale").intValue();
            Object exchange = m.get("exchange");
            return new Candle(num(m, "token").longValue(), exchange == null ? null : Exchange.of((String) exchange),
                    CandleInterval.parse((String) m.get("interval")), num(m, "ts").longValue(), scale,
                    Prices.parse((String) m.get("open"), scale), Prices.parse((String) m.get("high"), scale),
                    Prices.parse((String) m.get("low"), scale), Prices.parse((String) m.get("close"), scale),
                    num(m, "volume").longValue(), num(m, "ticks").intValue(), num(m, "rev").intValue());
        } catch (RuntimeException e) {
            throw new RedisCacheException("not a candle document: " + e.getMessage(), e);
        }
    }

    private static void price(StringBuilder sb, String name, long units, int scale) {
        sb.append(",\"").append(name).append("\":\"");
        Prices.appendTo(sb, units, scale).append('"');
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("missing number " + key);
        }
        return (Number) v;
    }
}
