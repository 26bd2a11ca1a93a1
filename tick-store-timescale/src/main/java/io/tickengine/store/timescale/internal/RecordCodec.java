package io.tickengine.store.timescale.internal;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of a {@link Tick} or a {@link Candle} in the spill files: every stored field, exact,
 * big-endian, with a leading kind byte. Decoding a tick gives one equal to the encoded one.
 */
public final class RecordCodec {
    static final byte TICK = 1;
    static final byte CANDLE = 2;
    private static final TickMode[] MODES = TickMode.values();
    private static final int FLAG_TRADABLE = 1;
    private static final int FLAG_CHANGE_GIVEN = 2;
    private static final int FLAG_DEPTH = 4;
    private static final int FLAG_RAW = 8;
    private static final int TICK_FIXED = 1 + 8 + 2 + 2 + 1 + 1 + 1 + 18 * 8 + 8 + 5 * 8 + 4;
    private static final int LEVEL = 8 + 8 + 4;
    private static final int CANDLE_FIXED = 1 + 8 + 2 + 4 + 8 + 1 + 5 * 8 + 4 + 4;

    private RecordCodec() {
    }

    /** Bytes {@link #encode} writes for a tick or a candle. */
    public static int encodedSize(Object record) {
        if (record instanceof Tick) {
            Tick t = (Tick) record;
            int size = TICK_FIXED + utf8Length(name(t.exchange())) + utf8Length(t.tradingSymbol());
            Depth d = t.depth();
            if (d != null) {
                size += 4 + (d.bidLevels() + d.askLevels()) * LEVEL;
            }
            ByteBuffer raw = t.rawPacket();
            return raw == null ? size : size + 4 + raw.remaining();
        }
        Candle c = (Candle) record;
        return CANDLE_FIXED + utf8Length(name(c.exchange()));
    }

    /** Writes a tick or a candle at the buffer's position. */
    public static void encode(Object record, ByteBuffer out) {
        if (record instanceof Tick) {
            encodeTick((Tick) record, out);
        } else {
            encodeCandle((Candle) record, out);
        }
    }

    /**
     * Reads one record written by {@link #encode}.
     *
     * @throws IllegalArgumentException when the bytes are not a record
     */
    public static Object decode(ByteBuffer in) {
        try {
            byte kind = in.get();
            if (kind == TICK) {
                return decodeTick(in);
            }
            if (kind == CANDLE) {
                return decodeCandle(in);
            }
            throw new IllegalArgumentException("unknown record kind " + kind);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("malformed record: " + e, e);
        }
    }

    private static void encodeTick(Tick t, ByteBuffer out) {
        out.put(TICK).putLong(t.instrumentToken());
        putString(out, name(t.exchange()));
        putString(out, t.tradingSymbol());
        long computed = t.close() != 0 ? t.lastPrice() - t.close() : 0;
        Depth d = t.depth();
        ByteBuffer raw = t.rawPacket();
        int flags = (t.tradable() ? FLAG_TRADABLE : 0) | (t.change() != computed ? FLAG_CHANGE_GIVEN : 0)
                | (d != null ? FLAG_DEPTH : 0) | (raw != null ? FLAG_RAW : 0);
        out.put((byte) t.mode().ordinal()).put((byte) flags).put((byte) t.priceScale());
        out.putLong(t.lastPrice()).putLong(t.lastQuantity()).putLong(t.averagePrice()).putLong(t.volume())
                .putLong(t.totalBuyQuantity()).putLong(t.totalSellQuantity()).putLong(t.open()).putLong(t.high())
                .putLong(t.low()).putLong(t.close()).putLong(t.change()).putLong(t.lastTradeTime())
                .putLong(t.exchangeTimestamp()).putLong(t.receiveTimestamp()).putLong(t.feedSequence())
                .putLong(t.openInterest()).putLong(t.openInterestDayHigh()).putLong(t.openInterestDayLow())
                .putDouble(t.openInterestChangePercent()).putLong(t.upperCircuit()).putLong(t.lowerCircuit())
                .putLong(t.week52High()).putLong(t.week52Low()).putLong(t.ingestSequence());
        if (d != null) {
            out.putShort((short) d.bidLevels()).putShort((short) d.askLevels());
            for (int i = 0; i < d.bidLevels(); i++) {
                out.putLong(d.bidPrice(i)).putLong(d.bidQuantity(i)).putInt(d.bidOrders(i));
            }
            for (int i = 0; i < d.askLevels(); i++) {
                out.putLong(d.askPrice(i)).putLong(d.askQuantity(i)).putInt(d.askOrders(i));
            }
        }
        if (raw != null) {
            out.putInt(raw.remaining()).put(raw);
        }
        out.putInt(0);
    }

    private static Tick decodeTick(ByteBuffer in) {
        Tick.Builder b = Tick.builder().instrumentToken(in.getLong());
        String exchange = getString(in);
        b.exchange(exchange == null ? null : Exchange.of(exchange)).tradingSymbol(getString(in));
        TickMode mode = MODES[in.get()];
        int flags = in.get();
        b.mode(mode).tradable((flags & FLAG_TRADABLE) != 0).priceScale(in.get());
        b.lastPrice(in.getLong()).lastQuantity(in.getLong()).averagePrice(in.getLong()).volume(in.getLong())
                .totalBuyQuantity(in.getLong()).totalSellQuantity(in.getLong()).open(in.getLong()).high(in.getLong())
                .low(in.getLong()).close(in.getLong());
        long change = in.getLong();
        if ((flags & FLAG_CHANGE_GIVEN) != 0) {
            b.change(change);
        }
        b.lastTradeTime(in.getLong()).exchangeTimestamp(in.getLong()).receiveTimestamp(in.getLong())
                .feedSequence(in.getLong()).openInterest(in.getLong()).openInterestDayHigh(in.getLong())
                .openInterestDayLow(in.getLong()).openInterestChangePercent(in.getDouble())
                .upperCircuit(in.getLong()).lowerCircuit(in.getLong()).week52High(in.getLong())
                .week52Low(in.getLong());
        long ingestSequence = in.getLong();
        if ((flags & FLAG_DEPTH) != 0) {
            int bids = in.getShort();
            int asks = in.getShort();
            Depth.Builder depth = Depth.builder(Math.max(1, Math.max(bids, asks)));
            for (int i = 0; i < bids; i++) {
                depth.bid(in.getLong(), in.getLong(), in.getInt());
            }
            for (int i = 0; i < asks; i++) {
                depth.ask(in.getLong(), in.getLong(), in.getInt());
            }
            b.depth(depth.build());
        }
        if ((flags & FLAG_RAW) != 0) {
            byte[] raw = new byte[in.getInt()];
            in.get(raw);
            b.rawPacket(raw);
        }
        if (in.getInt() != 0) {
            throw new IllegalArgumentException("tick record has no end marker");
        }
        return b.build().withIngestSequence(ingestSequence);
    }

    private static void encodeCandle(Candle c, ByteBuffer out) {
        out.put(CANDLE).putLong(c.instrumentToken());
        putString(out, name(c.exchange()));
        out.putInt(c.interval().seconds()).putLong(c.bucketStart()).put((byte) c.priceScale()).putLong(c.open())
                .putLong(c.high()).putLong(c.low()).putLong(c.close()).putLong(c.volume()).putInt(c.tickCount())
                .putInt(c.revision());
    }

    private static Candle decodeCandle(ByteBuffer in) {
        long token = in.getLong();
        String exchange = getString(in);
        CandleInterval interval = CandleInterval.ofSeconds(in.getInt());
        return new Candle(token, exchange == null ? null : Exchange.of(exchange), interval, in.getLong(), in.get(),
                in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getInt(), in.getInt());
    }

    private static String name(Exchange exchange) {
        return exchange == null ? null : exchange.name();
    }

    private static int utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putString(ByteBuffer out, String s) {
        if (s == null) {
            out.putShort((short) -1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a name longer than " + Short.MAX_VALUE + " bytes cannot be spilled");
        }
        out.putShort((short) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = in.getShort();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
