package io.tickengine.server.ws;

import io.tickengine.core.Depth;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.server.internal.Dec;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The message shapes both dialects send: seed 004's tick {@code data} (Kite's quote naming) and seed
 * 000's TickDto, plus candles. Prices are {@link Dec} so every encoding stays exact.
 */
public final class Messages {
    private static final String[] MODE_NAMES = Arrays.stream(TickMode.values())
            .map(m -> m.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    private Messages() {
    }

    /**
     * Seed 004 tick data: Kite REST quote names; depth and OI only in full mode. A depth tick (order
     * book only) has no trade fields at all, no {@code last_price} either, only its depth and times.
     */
    public static Map<String, Object> kiteTick(Tick t) {
        TreeFields f = new TreeFields(32);
        kiteTick(t, f);
        return f.root();
    }

    /** {@link #kiteTick(Tick)} as UTF-8 JSON, written directly: the same text as the tree's, without the tree. */
    public static byte[] kiteTickJson(Tick t) {
        JsonFields f = new JsonFields();
        kiteTick(t, f);
        return f.utf8();
    }

    private static void kiteTick(Tick t, Fields m) {
        int s = t.priceScale();
        m.number("instrument_token", t.instrumentToken());
        m.text("tradingsymbol", t.tradingSymbol());
        m.text("exchange", t.exchange() == null ? null : t.exchange().name());
        m.text("mode", MODE_NAMES[t.mode().ordinal()]);
        if (t.mode().hasTradePrice()) {
            m.price("last_price", t.lastPrice(), s);
        }
        if (t.mode() == TickMode.QUOTE || t.mode() == TickMode.FULL) {
            m.number("last_quantity", t.lastQuantity());
            m.price("average_price", t.averagePrice(), s);
            m.number("volume", t.volume());
            m.number("buy_quantity", t.totalBuyQuantity());
            m.number("sell_quantity", t.totalSellQuantity());
            m.price("change", t.change(), s);
            ohlc(t, m);
        }
        m.time("last_trade_time", t.lastTradeTime());
        m.time("timestamp", t.eventTime());
        m.time("receive_timestamp", t.receiveTimestamp());
        if (t.mode() == TickMode.FULL) {
            m.number("oi", t.openInterest());
            m.number("oi_day_high", t.openInterestDayHigh());
            m.number("oi_day_low", t.openInterestDayLow());
            if (t.depth() != null) {
                depth(t.depth(), s, m);
            }
        } else if (t.mode() == TickMode.DEPTH && t.depth() != null) {
            depth(t.depth(), s, m);
        }
        m.number("sequence", t.ingestSequence());
    }

    private static void ohlc(Tick t, Fields m) {
        int s = t.priceScale();
        m.object("ohlc");
        m.price("open", t.open(), s);
        m.price("high", t.high(), s);
        m.price("low", t.low(), s);
        m.price("close", t.close(), s);
        m.end();
    }

    private static void depth(Depth d, int scale, Fields m) {
        m.object("depth");
        m.array("buy");
        for (int i = 0; i < d.bidLevels(); i++) {
            level(d.bidPrice(i), scale, d.bidQuantity(i), d.bidOrders(i), m);
        }
        m.end();
        m.array("sell");
        for (int i = 0; i < d.askLevels(); i++) {
            level(d.askPrice(i), scale, d.askQuantity(i), d.askOrders(i), m);
        }
        m.end();
        m.end();
    }

    private static void level(long price, int scale, long quantity, int orders, Fields m) {
        m.object(null);
        m.price("price", price, scale);
        m.number("quantity", quantity);
        m.number("orders", orders);
        m.end();
    }

    /**
     * Seed 000 TickDto: symbol, instrumentToken, type, timestamp, lastTradedPrice, volume, ohlc. A depth
     * tick (order book only) carries {@code depth} in place of the price, volume and ohlc it does not have.
     */
    public static Map<String, Object> tickDto(Tick t, InstrumentClass type) {
        TreeFields f = new TreeFields(10);
        tickDto(t, type, f);
        return f.root();
    }

    /** {@link #tickDto(Tick, InstrumentClass)} as UTF-8 JSON, written directly. */
    public static byte[] tickDtoJson(Tick t, InstrumentClass type) {
        JsonFields f = new JsonFields();
        tickDto(t, type, f);
        return f.utf8();
    }

    private static void tickDto(Tick t, InstrumentClass type, Fields m) {
        int s = t.priceScale();
        m.text("symbol", t.tradingSymbol());
        m.number("instrumentToken", t.instrumentToken());
        m.text("type", type == InstrumentClass.INDEX ? "INDEX" : type == InstrumentClass.STOCK ? "STOCK" : String.valueOf(type));
        m.time("timestamp", t.eventTime());
        if (!t.mode().hasTradePrice()) {
            if (t.depth() != null) {
                depth(t.depth(), s, m);
            }
            m.number("sequence", t.ingestSequence());
            return;
        }
        m.price("lastTradedPrice", t.lastPrice(), s);
        m.number("volume", t.volume());
        ohlc(t, m);
        m.number("sequence", t.ingestSequence());
    }

    /** A candle: instrument, interval, bucket start and end, exact OHLC, volume, tick count, revision. */
    public static Map<String, Object> candle(Candle c, String tradingSymbol) {
        int s = c.priceScale();
        Map<String, Object> m = new LinkedHashMap<>(14);
        m.put("instrument_token", c.instrumentToken());
        m.put("tradingsymbol", tradingSymbol);
        m.put("interval", c.interval().label());
        m.put("start", Instant.ofEpochMilli(c.bucketStart()));
        m.put("end", Instant.ofEpochMilli(c.bucketEnd()));
        m.put("open", new Dec(c.open(), s));
        m.put("high", new Dec(c.high(), s));
        m.put("low", new Dec(c.low(), s));
        m.put("close", new Dec(c.close(), s));
        m.put("volume", c.volume());
        m.put("tick_count", (long) c.tickCount());
        m.put("revision", (long) c.revision());
        return m;
    }

    /**
     * Only the fields that changed since {@code previous}, with {@code instrument_token} always kept;
     * nested values compare whole. Null previous means everything.
     */
    public static Map<String, Object> delta(Map<String, Object> previous, Map<String, Object> current) {
        if (previous == null) {
            return current;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : current.entrySet()) {
            String k = e.getKey();
            if (k.equals("instrument_token") || k.equals("instrumentToken") || k.equals("sequence")
                    || !Objects.equals(previous.get(k), e.getValue())) {
                d.put(k, e.getValue());
            }
        }
        return d;
    }
}
