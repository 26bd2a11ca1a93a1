package io.tickengine.core.codec;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;

/**
 * The binary tick encoding behind {@link TickCodec}; see there for the
 * format. Every field is written only when it differs from its default, prices as zigzag varint
 * deltas from the last price, times as deltas from the exchange time.
 */
final class TickWire {
    // Bits of the fields most ticks carry come first, so their flags fit in one varint byte.
    static final int F_TRADABLE = 1;
    static final int F_EXCHANGE = 1 << 1;
    static final int F_SYMBOL = 1 << 2;
    static final int F_LAST = 1 << 3;
    static final int F_EXCHANGE_TS = 1 << 4;
    static final int F_RECEIVE_TS = 1 << 5;
    static final int F_INGEST_SEQ = 1 << 6;
    static final int F_LAST_QTY = 1 << 7;
    static final int F_AVG = 1 << 8;
    static final int F_VOLUME = 1 << 9;
    static final int F_BUY_QTY = 1 << 10;
    static final int F_SELL_QTY = 1 << 11;
    static final int F_OPEN = 1 << 12;
    static final int F_HIGH = 1 << 13;
    static final int F_LOW = 1 << 14;
    static final int F_CLOSE = 1 << 15;
    static final int F_CHANGE = 1 << 16;
    static final int F_LTT = 1 << 17;
    static final int F_FEED_SEQ = 1 << 18;
    static final int F_OI = 1 << 19;
    static final int F_OI_HIGH = 1 << 20;
    static final int F_OI_LOW = 1 << 21;
    static final int F_OI_PCT = 1 << 22;
    static final int F_UPPER = 1 << 23;
    static final int F_LOWER = 1 << 24;
    static final int F_W52_HIGH = 1 << 25;
    static final int F_W52_LOW = 1 << 26;
    static final int F_DEPTH = 1 << 27;
    static final int KNOWN = (1 << 28) - 1;

    private static final TickMode[] MODES = TickMode.values();

    private TickWire() {
    }

    /** Appends one tick (no frame header). */
    static void writeTick(ByteWriter out, Tick t) {
        long last = t.lastPrice();
        long computedChange = t.close() != 0 ? last - t.close() : 0;
        long timeBase = t.exchangeTimestamp() != 0 ? t.exchangeTimestamp() : t.receiveTimestamp();
        int flags = (t.tradable() ? F_TRADABLE : 0)
                | (t.exchange() != null ? F_EXCHANGE : 0)
                | (t.tradingSymbol() != null ? F_SYMBOL : 0)
                | bit(last, F_LAST) | bit(t.lastQuantity(), F_LAST_QTY) | bit(t.averagePrice(), F_AVG)
                | bit(t.volume(), F_VOLUME) | bit(t.totalBuyQuantity(), F_BUY_QTY)
                | bit(t.totalSellQuantity(), F_SELL_QTY) | bit(t.open(), F_OPEN) | bit(t.high(), F_HIGH)
                | bit(t.low(), F_LOW) | bit(t.close(), F_CLOSE)
                | (t.change() != computedChange ? F_CHANGE : 0)
                | bit(t.lastTradeTime(), F_LTT) | bit(t.exchangeTimestamp(), F_EXCHANGE_TS)
                | bit(t.receiveTimestamp(), F_RECEIVE_TS)
                | (t.feedSequence() != Tick.NO_SEQUENCE ? F_FEED_SEQ : 0)
                | bit(t.openInterest(), F_OI) | bit(t.openInterestDayHigh(), F_OI_HIGH)
                | bit(t.openInterestDayLow(), F_OI_LOW)
                | (Double.isNaN(t.openInterestChangePercent()) ? 0 : F_OI_PCT)
                | bit(t.upperCircuit(), F_UPPER) | bit(t.lowerCircuit(), F_LOWER)
                | bit(t.week52High(), F_W52_HIGH) | bit(t.week52Low(), F_W52_LOW)
                | (t.depth() != null ? F_DEPTH : 0) | bit(t.ingestSequence(), F_INGEST_SEQ);
        out.writeVarLong(t.instrumentToken());
        out.writeVarLong(flags);
        out.writeByte(t.mode().ordinal() << 5 | t.priceScale());
        if ((flags & F_EXCHANGE) != 0) {
            out.writeString(t.exchange().name());
        }
        if ((flags & F_SYMBOL) != 0) {
            out.writeString(t.tradingSymbol());
        }
        zz(out, flags, F_LAST, last);
        zz(out, flags, F_EXCHANGE_TS, t.exchangeTimestamp());
        zz(out, flags, F_RECEIVE_TS, t.receiveTimestamp() - t.exchangeTimestamp());
        zz(out, flags, F_INGEST_SEQ, t.ingestSequence());
        zz(out, flags, F_LAST_QTY, t.lastQuantity());
        zz(out, flags, F_AVG, t.averagePrice() - last);
        zz(out, flags, F_VOLUME, t.volume());
        zz(out, flags, F_BUY_QTY, t.totalBuyQuantity());
        zz(out, flags, F_SELL_QTY, t.totalSellQuantity());
        zz(out, flags, F_OPEN, t.open() - last);
        zz(out, flags, F_HIGH, t.high() - last);
        zz(out, flags, F_LOW, t.low() - last);
        zz(out, flags, F_CLOSE, t.close() - last);
        zz(out, flags, F_CHANGE, t.change());
        zz(out, flags, F_LTT, t.lastTradeTime() - timeBase);
        zz(out, flags, F_FEED_SEQ, t.feedSequence());
        zz(out, flags, F_OI, t.openInterest());
        zz(out, flags, F_OI_HIGH, t.openInterestDayHigh());
        zz(out, flags, F_OI_LOW, t.openInterestDayLow());
        if ((flags & F_OI_PCT) != 0) {
            out.writeLongLE(Double.doubleToRawLongBits(t.openInterestChangePercent()));
        }
        zz(out, flags, F_UPPER, t.upperCircuit() - last);
        zz(out, flags, F_LOWER, t.lowerCircuit() - last);
        zz(out, flags, F_W52_HIGH, t.week52High() - last);
        zz(out, flags, F_W52_LOW, t.week52Low() - last);
        if ((flags & F_DEPTH) != 0) {
            writeDepth(out, t.depth(), last);
        }
    }

    /** Reads one tick written by {@link #writeTick}. */
    static Tick readTick(ByteReader in, Tick.Builder b) {
        b.reset();
        b.instrumentToken(in.readVarLong());
        long flags = in.readVarLong();
        if ((flags & ~KNOWN) != 0) {
            throw new MalformedTickFrameException("unknown tick fields 0x" + Long.toHexString(flags & ~KNOWN));
        }
        int modeScale = in.readByte();
        int mode = modeScale >>> 5;
        int scale = modeScale & 0x1F;
        if (mode >= MODES.length || scale > 18) {
            throw new MalformedTickFrameException("bad mode/scale byte " + modeScale);
        }
        b.mode(MODES[mode]).priceScale(scale).tradable((flags & F_TRADABLE) != 0);
        if ((flags & F_EXCHANGE) != 0) {
            b.exchange(Exchange.of(in.readString()));
        }
        if ((flags & F_SYMBOL) != 0) {
            b.tradingSymbol(in.readString());
        }
        long last = rz(in, flags, F_LAST);
        long exchangeTs = rz(in, flags, F_EXCHANGE_TS);
        long receiveTs = rd(in, flags, F_RECEIVE_TS, exchangeTs);
        long ingest = rz(in, flags, F_INGEST_SEQ);
        b.lastPrice(last).exchangeTimestamp(exchangeTs).receiveTimestamp(receiveTs);
        b.lastQuantity(rz(in, flags, F_LAST_QTY)).averagePrice(rd(in, flags, F_AVG, last));
        b.volume(rz(in, flags, F_VOLUME));
        b.totalBuyQuantity(rz(in, flags, F_BUY_QTY)).totalSellQuantity(rz(in, flags, F_SELL_QTY));
        b.open(rd(in, flags, F_OPEN, last)).high(rd(in, flags, F_HIGH, last)).low(rd(in, flags, F_LOW, last))
                .close(rd(in, flags, F_CLOSE, last));
        if ((flags & F_CHANGE) != 0) {
            b.change(in.readZigZag());
        }
        b.lastTradeTime(rd(in, flags, F_LTT, exchangeTs != 0 ? exchangeTs : receiveTs));
        b.feedSequence((flags & F_FEED_SEQ) != 0 ? in.readZigZag() : Tick.NO_SEQUENCE);
        b.openInterest(rz(in, flags, F_OI)).openInterestDayHigh(rz(in, flags, F_OI_HIGH))
                .openInterestDayLow(rz(in, flags, F_OI_LOW));
        if ((flags & F_OI_PCT) != 0) {
            b.openInterestChangePercent(Double.longBitsToDouble(in.readLongLE()));
        }
        b.upperCircuit(rd(in, flags, F_UPPER, last)).lowerCircuit(rd(in, flags, F_LOWER, last))
                .week52High(rd(in, flags, F_W52_HIGH, last)).week52Low(rd(in, flags, F_W52_LOW, last));
        if ((flags & F_DEPTH) != 0) {
            b.depth(readDepth(in, last));
        }
        Tick tick = b.build();
        return ingest == 0 ? tick : tick.withIngestSequence(ingest);
    }

    private static void writeDepth(ByteWriter out, Depth d, long last) {
        out.writeVarLong(d.bidLevels());
        out.writeVarLong(d.askLevels());
        for (int i = 0; i < d.bidLevels(); i++) {
            out.writeZigZag(d.bidPrice(i) - last);
            out.writeZigZag(d.bidQuantity(i));
            out.writeZigZag(d.bidOrders(i));
        }
        for (int i = 0; i < d.askLevels(); i++) {
            out.writeZigZag(d.askPrice(i) - last);
            out.writeZigZag(d.askQuantity(i));
            out.writeZigZag(d.askOrders(i));
        }
    }

    private static Depth readDepth(ByteReader in, long last) {
        long bids = in.readVarLong();
        long asks = in.readVarLong();
        if (bids > Depth.MAX_LEVELS || asks > Depth.MAX_LEVELS) {
            throw new MalformedTickFrameException("depth of " + bids + "/" + asks + " levels");
        }
        Depth.Builder d = Depth.builder((int) Math.max(1, Math.max(bids, asks)));
        for (int i = 0; i < bids; i++) {
            d.bid(last + in.readZigZag(), in.readZigZag(), (int) in.readZigZag());
        }
        for (int i = 0; i < asks; i++) {
            d.ask(last + in.readZigZag(), in.readZigZag(), (int) in.readZigZag());
        }
        return d.build();
    }

    private static int bit(long value, int flag) {
        return value != 0 ? flag : 0;
    }

    private static void zz(ByteWriter out, int flags, int flag, long value) {
        if ((flags & flag) != 0) {
            out.writeZigZag(value);
        }
    }

    private static long rz(ByteReader in, long flags, int flag) {
        return (flags & flag) != 0 ? in.readZigZag() : 0;
    }

    /** A field stored as a delta from {@code base}; wrapping arithmetic keeps it exact for any long. */
    private static long rd(ByteReader in, long flags, int flag, long base) {
        return (flags & flag) != 0 ? base + in.readZigZag() : 0;
    }
}
