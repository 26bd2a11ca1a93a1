package io.tickengine.kite.parse;

import static io.tickengine.kite.parse.KiteLayout.*;

import io.tickengine.core.Depth;
import io.tickengine.core.Prices;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * Writes ticks as Kite binary packets and frames, the inverse of {@link KiteFrameParser}. The simulator
 * and tests use it; the packet kind follows the tick's mode and its token's segment, and prices are
 * rescaled exactly to the segment's scale.
 */
public final class KitePacketEncoder {
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private KitePacketEncoder() {
    }

    /**
     * Length of the packet a tick becomes: 8 for LTP, 28 or 32 for an index, 44 or 184 otherwise.
     *
     * @throws IllegalArgumentException when the token's segment is unknown
     */
    public static int packetLength(long instrumentToken, TickMode mode) {
        KiteSegment segment = segmentOf(instrumentToken);
        switch (Objects.requireNonNull(mode, "mode")) {
            case LTP:
                return LTP_LENGTH;
            case QUOTE:
                return segment.tradable() ? QUOTE_LENGTH : INDEX_QUOTE_LENGTH;
            default:
                return segment.tradable() ? FULL_LENGTH : INDEX_FULL_LENGTH;
        }
    }

    /** Bytes a frame of these ticks takes: the count, and per packet its length prefix and body. */
    public static int frameLength(List<Tick> ticks) {
        int n = COUNT_BYTES;
        for (Tick t : ticks) {
            n += LENGTH_BYTES + packetLength(t.instrumentToken(), t.mode());
        }
        return n;
    }

    /** A new big-endian frame holding the ticks in order, ready to send (position 0). */
    public static ByteBuffer encodeFrame(List<Tick> ticks) {
        if (ticks.size() > 0xFFFF) {
            throw new IllegalArgumentException("a frame holds at most 65535 packets, got " + ticks.size());
        }
        ByteBuffer out = ByteBuffer.allocate(frameLength(ticks));
        out.putShort((short) ticks.size());
        for (Tick t : ticks) {
            writePacket(out, t);
        }
        return out.flip();
    }

    /** A 1-byte heartbeat frame. */
    public static ByteBuffer heartbeat() {
        return ByteBuffer.wrap(new byte[] {0});
    }

    /**
     * Writes one packet, its uint16 length prefix first, at the buffer's position and advances it.
     *
     * @throws IllegalArgumentException when a value does not fit the wire (unknown segment, a price that
     *     overflows int32, a quantity outside uint32)
     * @throws io.tickengine.core.InvalidPriceException when a price is not exact at the segment's scale
     */
    public static void writePacket(ByteBuffer out, Tick tick) {
        int length = packetLength(tick.instrumentToken(), tick.mode());
        ByteBuffer b = out.order() == ByteOrder.BIG_ENDIAN ? out : out.duplicate().order(ByteOrder.BIG_ENDIAN);
        int p = out.position();
        b.putShort(p, (short) length);
        int at = p + LENGTH_BYTES;
        KiteSegment segment = segmentOf(tick.instrumentToken());
        PriceWriter price = new PriceWriter(b, tick.priceScale(), segment.priceScale());
        for (int i = 0; i < length; i++) {
            b.put(at + i, (byte) 0);
        }
        b.putInt(at + TOKEN, (int) uint32("instrumentToken", tick.instrumentToken()));
        price.put(at + LAST_PRICE, tick.lastPrice());
        if (length == INDEX_QUOTE_LENGTH || length == INDEX_FULL_LENGTH) {
            price.put(at + INDEX_HIGH, tick.high());
            price.put(at + INDEX_LOW, tick.low());
            price.put(at + INDEX_OPEN, tick.open());
            price.put(at + INDEX_CLOSE, tick.close());
            price.put(at + INDEX_CHANGE, tick.change());
            if (length == INDEX_FULL_LENGTH) {
                b.putInt(at + INDEX_EXCHANGE_TIMESTAMP, seconds("exchangeTimestamp", tick.exchangeTimestamp()));
            }
        } else if (length != LTP_LENGTH) {
            writeTradable(b, at, length, tick, price);
        }
        out.position(at + length);
    }

    private static void writeTradable(ByteBuffer b, int at, int length, Tick tick, PriceWriter price) {
        b.putInt(at + LAST_QUANTITY, (int) uint32("lastQuantity", tick.lastQuantity()));
        price.put(at + AVERAGE_PRICE, tick.averagePrice());
        b.putInt(at + VOLUME, (int) uint32("volume", tick.volume()));
        b.putInt(at + TOTAL_BUY_QUANTITY, (int) uint32("totalBuyQuantity", tick.totalBuyQuantity()));
        b.putInt(at + TOTAL_SELL_QUANTITY, (int) uint32("totalSellQuantity", tick.totalSellQuantity()));
        price.put(at + OPEN, tick.open());
        price.put(at + HIGH, tick.high());
        price.put(at + LOW, tick.low());
        price.put(at + CLOSE, tick.close());
        if (length != FULL_LENGTH) {
            return;
        }
        b.putInt(at + LAST_TRADE_TIME, seconds("lastTradeTime", tick.lastTradeTime()));
        b.putInt(at + OPEN_INTEREST, (int) uint32("openInterest", tick.openInterest()));
        b.putInt(at + OPEN_INTEREST_DAY_HIGH, (int) uint32("openInterestDayHigh", tick.openInterestDayHigh()));
        b.putInt(at + OPEN_INTEREST_DAY_LOW, (int) uint32("openInterestDayLow", tick.openInterestDayLow()));
        b.putInt(at + EXCHANGE_TIMESTAMP, seconds("exchangeTimestamp", tick.exchangeTimestamp()));
        Depth d = tick.depth();
        if (d == null) {
            return;
        }
        for (int level = 0; level < Math.min(DEPTH_LEVELS, d.bidLevels()); level++) {
            writeLevel(b, at + DEPTH + level * DEPTH_ENTRY, price, d.bidPrice(level), d.bidQuantity(level),
                    d.bidOrders(level));
        }
        for (int level = 0; level < Math.min(DEPTH_LEVELS, d.askLevels()); level++) {
            writeLevel(b, at + DEPTH_ASKS + level * DEPTH_ENTRY, price, d.askPrice(level), d.askQuantity(level),
                    d.askOrders(level));
        }
    }

    private static void writeLevel(ByteBuffer b, int at, PriceWriter price, long levelPrice, long quantity,
                                   int orders) {
        b.putInt(at + DEPTH_QUANTITY, (int) uint32("depth quantity", quantity));
        price.put(at + DEPTH_PRICE, levelPrice);
        if (orders < 0 || orders > 0xFFFF) {
            throw new IllegalArgumentException("depth orders must fit uint16, was " + orders);
        }
        b.putShort(at + DEPTH_ORDERS, (short) orders);
    }

    private static KiteSegment segmentOf(long token) {
        KiteSegment segment = KiteSegment.ofToken(token);
        if (segment == null) {
            throw new IllegalArgumentException("token " + token + " has unknown segment " + (token & 0xFF));
        }
        return segment;
    }

    private static long uint32(String field, long value) {
        if (value < 0 || value > UINT32_MAX) {
            throw new IllegalArgumentException(field + " must fit uint32, was " + value);
        }
        return value;
    }

    private static int seconds(String field, long epochMillis) {
        return (int) uint32(field, epochMillis / MILLIS_PER_SECOND);
    }

    /** Rescales prices from the tick's scale to the segment's and writes them as int32. */
    private static final class PriceWriter {
        private final ByteBuffer b;
        private final int from;
        private final int to;

        PriceWriter(ByteBuffer b, int from, int to) {
            this.b = b;
            this.from = from;
            this.to = to;
        }

        void put(int at, long units) {
            long wire = Prices.rescale(units, from, to);
            if (wire < Integer.MIN_VALUE || wire > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("price " + Prices.format(units, from) + " overflows int32 at scale " + to);
            }
            b.putInt(at, (int) wire);
        }
    }
}
