package io.tickengine.cache.redis.internal;

import io.tickengine.cache.redis.RedisCacheException;
import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * Seed 000's {@code InstrumentInfo} JSON ({@code instrumentToken, exchangeToken, tradingSymbol, type}) plus
 * the remaining {@link Instrument} fields, so a cached list rebuilds the same instruments. Decimals are
 * exact strings.
 */
public final class InstrumentJson {
    private InstrumentJson() {
    }

    public static String write(Instrument i) {
        StringBuilder sb = new StringBuilder(256).append("{\"instrumentToken\":").append(i.instrumentToken())
                .append(",\"exchangeToken\":").append(i.exchangeToken());
        Json.quote(sb.append(",\"tradingSymbol\":"), i.tradingSymbol());
        sb.append(",\"type\":\"").append(i.instrumentClass().name()).append('"');
        if (i.name() != null) {
            Json.quote(sb.append(",\"name\":"), i.name());
        }
        sb.append(",\"lastPrice\":\"").append(i.lastPrice().toPlainString()).append('"');
        if (i.expiry() != null) {
            sb.append(",\"expiry\":\"").append(i.expiry()).append('"');
        }
        sb.append(",\"strike\":\"").append(i.strike().toPlainString()).append('"')
                .append(",\"tickSize\":\"").append(i.tickSize().toPlainString()).append('"')
                .append(",\"lotSize\":").append(i.lotSize());
        Json.quote(sb.append(",\"instrumentType\":"), i.instrumentType());
        Json.quote(sb.append(",\"segment\":"), i.segment());
        Json.quote(sb.append(",\"exchange\":"), i.exchange().name());
        return sb.append('}').toString();
    }

    /**
     * Parses an instrument document.
     *
     * @throws RedisCacheException when it is not one
     */
    public static Instrument read(String json) {
        try {
            Map<String, Object> m = Json.parseObject(json);
            Object expiry = m.get("expiry");
            return new Instrument(((Number) m.get("instrumentToken")).longValue(),
                    ((Number) m.get("exchangeToken")).longValue(), (String) m.get("tradingSymbol"),
                    (String) m.get("name"), decimal(m.get("lastPrice")),
                    expiry == null ? null : LocalDate.parse((String) expiry), decimal(m.get("strike")),
                    decimal(m.get("tickSize")), ((Number) m.get("lotSize")).intValue(),
                    (String) m.get("instrumentType"), (String) m.get("segment"),
                    Exchange.of((String) m.get("exchange")));
        } catch (RuntimeException e) {
            throw new RedisCacheException("not an instrument document: " + e.getMessage(), e);
        }
    }

    private static BigDecimal decimal(Object v) {
        return v == null ? null : new BigDecimal(v.toString());
    }
}
