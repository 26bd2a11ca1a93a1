package io.tickengine.server.ws;

import io.tickengine.core.Depth;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.server.internal.Dec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The message shapes both dialects send: seed 004's tick {@code data} (Kite's quote naming) and seed
 * 000's TickDto, plus candles. Prices are {@link Dec} so every encoding stays exact.
 */
public final class Messages {
    private Messages() {
    }

    /**
     * Seed 004 tick data: Kite REST quote names; depth and OI only in full mode. A depth tick (order
     * book only) has no trade fields at all, no {@code last_price} either, only its depth and times.
     */
    public static Map<String, Object> kiteTick(Tick t) {
        int s = t.priceScale();
        Map<String, Object> m = new LinkedHashMap<>(32);
        m.put("instrument_token", t.instrumentToken());
        m.put("tradingsymbol", t.tradingSymbol());
        m.put("exchange", t.exchange() == null ? null : t.exchange().name());
        m.put("mode", t.mode().name().toLowerCase(java.util.Locale.ROOT));
        if (t.mode().hasTradePrice()) {
            m.put("last_price", new Dec(t.lastPrice(), s));
        }
        if (t.mode() == TickMode.QUOTE || t.mode() == TickMode.FULL) {
            m.put("last_quantity", t.lastQuantity());
            m.put("average_price", new Dec(t.averagePrice(), s));
            m.put("volume", t.volume());
            m.put("buy_quantity", t.totalBuyQuantity());
            m.put("sell_quantity", t.totalSellQuantity());
            m.put("change", new Dec(t.change(), s));
            Map<String, Object> ohlc = new LinkedHashMap<>(4);
            ohlc.put("open", new Dec(t.open(), s));
            ohlc.put("high", new Dec(t.high(), s));
            ohlc.put("low", new Dec(t.low(), s));
            ohlc.put("close", new Dec(t.close(), s));
            m.put("ohlc", ohlc);
        }
        m.put("last_trade_time", time(t.lastTradeTime()));
        m.put("timestamp", time(t.eventTime()));
        m.put("receive_timestamp", time(t.receiveTimestamp()));
        if (t.mode() == TickMode.FULL) {
            m.put("oi", t.openInterest());
            m.put("oi_day_high", t.openInterestDayHigh());
            m.put("oi_day_low", t.openInterestDayLow());
            if (t.depth() != null) {
                m.put("depth", depth(t.depth(), s));
            }
        } else if (t.mode() == TickMode.DEPTH && t.depth() != null) {
            m.put("depth", depth(t.depth(), s));
        }
        m.put("sequence", t.ingestSequence());
        return m;
    }

    private static Map<String, Object> depth(Depth d, int scale) {
        List<Object> buy = new ArrayList<>(d.bidLevels());
        for (int i = 0; i < d.bidLevels(); i++) {
            buy.add(level(d.bidPrice(i), scale, d.bidQuantity(i), d.bidOrders(i)));
        }
        List<Object> sell = new ArrayList<>(d.askLevels());
        for (int i = 0; i < d.askLevels(); i++) {
            sell.add(level(d.askPrice(i), scale, d.askQuantity(i), d.askOrders(i)));
        }
        Map<String, Object> m = new LinkedHashMap<>(2);
        m.put("buy", buy);
        m.put("sell", sell);
        return m;
    }

    private static Map<String, Object> level(long price, int scale, long quantity, int orders) {
        Map<String, Object> m = new LinkedHashMap<>(3);
        m.put("price", new Dec(price, scale));
        m.put("quantity", quantity);
        m.put("orders", (long) orders);
        return m;
    }

    /**
     * Seed 000 TickDto: symbol, instrumentToken, type, timestamp, lastTradedPrice, volume, ohlc. A depth
     * tick (order book only) carries {@code depth} in place of the price, volume and ohlc it does not have.
     */
    public static Map<String, Object> tickDto(Tick t, InstrumentClass type) {
        int s = t.priceScale();
        Map<String, Object> m = new LinkedHashMap<>(10);
        m.put("symbol", t.tradingSymbol());
        m.put("instrumentToken", t.instrumentToken());
        m.put("type", type == InstrumentClass.INDEX ? "INDEX" : type == InstrumentClass.STOCK ? "STOCK" : String.valueOf(type));
        m.put("timestamp", time(t.eventTime()));
        if (!t.mode().hasTradePrice()) {
            if (t.depth() != null) {
                m.put("depth", depth(t.depth(), s));
            }
            m.put("sequence", t.ingestSequence());
            return m;
        }
        m.put("lastTradedPrice", new Dec(t.lastPrice(), s));
        m.put("volume", t.volume());
        Map<String, Object> ohlc = new LinkedHashMap<>(4);
        ohlc.put("open", new Dec(t.open(), s));
        ohlc.put("high", new Dec(t.high(), s));
        ohlc.put("low", new Dec(t.low(), s));
        ohlc.put("close", new Dec(t.close(), s));
        m.put("ohlc", ohlc);
        m.put("sequence", t.ingestSequence());
        return m;
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

    private static Instant time(long epochMillis) {
        return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis);
    }
}
