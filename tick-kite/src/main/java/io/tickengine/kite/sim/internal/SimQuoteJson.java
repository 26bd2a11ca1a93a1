package io.tickengine.kite.sim.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tickengine.core.Depth;
import io.tickengine.core.Prices;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Writes quote responses the way Kite's REST API does: {@code {"status":"success","data":{key:{...}}}},
 * prices as exact decimals, times as {@code yyyy-MM-dd HH:mm:ss} in IST. Stateless.
 */
final class SimQuoteJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter IST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.ofHoursMinutes(5, 30));

    private SimQuoteJson() {
    }

    /** The response for {@code ticks} keyed as requested; the mode of each tick picks its fields. */
    static byte[] success(Map<String, Tick> ticks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + ticks.size() * 600);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeObjectFieldStart("data");
            for (Map.Entry<String, Tick> e : ticks.entrySet()) {
                g.writeFieldName(e.getKey());
                quote(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Kite's error body. */
    static byte[] error(String message, String errorType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "error");
            g.writeStringField("message", message);
            g.writeNullField("data");
            g.writeStringField("error_type", errorType);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void quote(JsonGenerator g, Tick t) throws IOException {
        int scale = t.priceScale();
        g.writeStartObject();
        g.writeNumberField("instrument_token", t.instrumentToken());
        if (t.mode() == TickMode.FULL) {
            g.writeStringField("timestamp", IST.format(Instant.ofEpochMilli(t.exchangeTimestamp())));
            g.writeStringField("last_trade_time", t.lastTradeTime() == 0 ? null
                    : IST.format(Instant.ofEpochMilli(t.lastTradeTime())));
        }
        price(g, "last_price", t.lastPrice(), scale);
        if (t.mode() == TickMode.FULL) {
            g.writeNumberField("last_quantity", t.lastQuantity());
            g.writeNumberField("buy_quantity", t.totalBuyQuantity());
            g.writeNumberField("sell_quantity", t.totalSellQuantity());
            g.writeNumberField("volume", t.volume());
            price(g, "average_price", t.averagePrice(), scale);
            g.writeNumberField("oi", t.openInterest());
            g.writeNumberField("oi_day_high", t.openInterestDayHigh());
            g.writeNumberField("oi_day_low", t.openInterestDayLow());
            price(g, "net_change", 0, scale);
            price(g, "lower_circuit_limit", t.close() - t.close() / 5, scale);
            price(g, "upper_circuit_limit", t.close() + t.close() / 5, scale);
        }
        if (t.mode() != TickMode.LTP) {
            g.writeObjectFieldStart("ohlc");
            price(g, "open", t.open(), scale);
            price(g, "high", t.high(), scale);
            price(g, "low", t.low(), scale);
            price(g, "close", t.close(), scale);
            g.writeEndObject();
        }
        if (t.mode() == TickMode.FULL) {
            depth(g, t.depth(), scale);
        }
        g.writeEndObject();
    }

    private static void depth(JsonGenerator g, Depth d, int scale) throws IOException {
        g.writeObjectFieldStart("depth");
        g.writeArrayFieldStart("buy");
        for (int i = 0; d != null && i < d.bidLevels(); i++) {
            level(g, d.bidPrice(i), d.bidQuantity(i), d.bidOrders(i), scale);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("sell");
        for (int i = 0; d != null && i < d.askLevels(); i++) {
            level(g, d.askPrice(i), d.askQuantity(i), d.askOrders(i), scale);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void level(JsonGenerator g, long price, long quantity, int orders, int scale) throws IOException {
        g.writeStartObject();
        price(g, "price", price, scale);
        g.writeNumberField("quantity", quantity);
        g.writeNumberField("orders", orders);
        g.writeEndObject();
    }

    /** An exact decimal without trailing zeros, as Kite prints them ({@code 1573.7}, {@code 1574}). */
    private static void price(JsonGenerator g, String field, long units, int scale) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(Prices.toBigDecimal(units, scale).stripTrailingZeros().toPlainString());
    }
}
