package io.tickengine.kite.parse;

import static io.tickengine.kite.parse.KiteLayout.*;

import io.tickengine.core.TickMode;
import java.nio.ByteBuffer;

/**
 * A flyweight over one packet of a Kite binary frame: every accessor reads its big-endian field in place,
 * so walking a frame allocates nothing. {@link KiteFrameParser#forEachPacket} hands out one instance per
 * parser and moves it from packet to packet; it is valid only during the callback, and values that must
 * outlive it belong in a {@link io.tickengine.core.Tick}. Prices are units at {@link #priceScale()}, times
 * epoch milliseconds UTC, and fields the packet's mode does not carry read as 0.
 */
public final class KitePacketView {
    private ByteBuffer buf;
    private int at;
    private int length;
    private long token;
    private KiteSegment segment;

    KitePacketView() {
    }

    /** Points the view at a packet whose length and segment the parser has checked. */
    void wrap(ByteBuffer buf, int at, int length, long token, KiteSegment segment) {
        this.buf = buf;
        this.at = at;
        this.length = length;
        this.token = token;
        this.segment = segment;
    }

    /** Whether a packet length is one Kite sends today (8, 28, 32, 44 or 184). */
    static boolean knownLength(int length) {
        return length == LTP_LENGTH || length == INDEX_QUOTE_LENGTH || length == INDEX_FULL_LENGTH
                || length == QUOTE_LENGTH || length == FULL_LENGTH;
    }

    /** Whether a packet length is one of an index packet (28 or 32 bytes). */
    static boolean indexLength(int length) {
        return length == INDEX_QUOTE_LENGTH || length == INDEX_FULL_LENGTH;
    }

    /** The packet's length in bytes, which tells its kind. */
    public int length() {
        return length;
    }

    /** The instrument token, read unsigned. */
    public long token() {
        return token;
    }

    /** The segment from the token's low byte; it fixes the price scale. */
    public KiteSegment segment() {
        return segment;
    }

    /** Decimal places of every price in this packet. */
    public int priceScale() {
        return segment.priceScale();
    }

    /** False for indices. */
    public boolean tradable() {
        return segment.tradable();
    }

    /** The mode the packet was sent in, from its length. */
    public TickMode mode() {
        if (length == LTP_LENGTH) {
            return TickMode.LTP;
        }
        return length == FULL_LENGTH || length == INDEX_FULL_LENGTH ? TickMode.FULL : TickMode.QUOTE;
    }

    /** Whether this is an index packet (28 or 32 bytes), whose day range comes as high, low, open, close. */
    public boolean isIndex() {
        return indexLength(length);
    }

    /** Whether the packet carries depth, open interest and the last trade time (184 bytes). */
    public boolean isFull() {
        return length == FULL_LENGTH;
    }

    /** Last traded price. */
    public long lastPrice() {
        return buf.getInt(at + LAST_PRICE);
    }

    /** Quantity of the last trade. */
    public long lastQuantity() {
        return tradableQuote() ? u32(LAST_QUANTITY) : 0;
    }

    /** Volume-weighted average price of the day. */
    public long averagePrice() {
        return tradableQuote() ? buf.getInt(at + AVERAGE_PRICE) : 0;
    }

    /** Cumulative volume of the day, read unsigned. */
    public long volume() {
        return tradableQuote() ? u32(VOLUME) : 0;
    }

    /** Total pending buy quantity. */
    public long totalBuyQuantity() {
        return tradableQuote() ? u32(TOTAL_BUY_QUANTITY) : 0;
    }

    /** Total pending sell quantity. */
    public long totalSellQuantity() {
        return tradableQuote() ? u32(TOTAL_SELL_QUANTITY) : 0;
    }

    /** Day open. */
    public long open() {
        return price(OPEN, INDEX_OPEN);
    }

    /** Day high. */
    public long high() {
        return price(HIGH, INDEX_HIGH);
    }

    /** Day low. */
    public long low() {
        return price(LOW, INDEX_LOW);
    }

    /** Previous close. */
    public long close() {
        return price(CLOSE, INDEX_CLOSE);
    }

    /** Whether the packet itself carries the change (index quote and full packets do). */
    public boolean hasChange() {
        return isIndex();
    }

    /** The change the index packet carries; 0 for other packets (compute {@code lastPrice - close}). */
    public long change() {
        return isIndex() ? buf.getInt(at + INDEX_CHANGE) : 0;
    }

    /** Time of the last trade; 0 when absent or not a full packet. */
    public long lastTradeTime() {
        return length == FULL_LENGTH ? u32(LAST_TRADE_TIME) * MILLIS_PER_SECOND : 0;
    }

    /** Open interest. */
    public long openInterest() {
        return length == FULL_LENGTH ? u32(OPEN_INTEREST) : 0;
    }

    /** Day high of open interest. */
    public long openInterestDayHigh() {
        return length == FULL_LENGTH ? u32(OPEN_INTEREST_DAY_HIGH) : 0;
    }

    /** Day low of open interest. */
    public long openInterestDayLow() {
        return length == FULL_LENGTH ? u32(OPEN_INTEREST_DAY_LOW) : 0;
    }

    /** Exchange time of the packet (1 s resolution); 0 when absent or not a full packet. */
    public long exchangeTimestamp() {
        if (length == FULL_LENGTH) {
            return u32(EXCHANGE_TIMESTAMP) * MILLIS_PER_SECOND;
        }
        return length == INDEX_FULL_LENGTH ? u32(INDEX_EXCHANGE_TIMESTAMP) * MILLIS_PER_SECOND : 0;
    }

    /** Depth levels per side: 5 in a full packet of a tradable instrument, else 0. */
    public int depthLevels() {
        return length == FULL_LENGTH ? DEPTH_LEVELS : 0;
    }

    /** Bid price at {@code level} (0 is best); requires {@code level < depthLevels()}. */
    public long bidPrice(int level) {
        return buf.getInt(bid(level) + DEPTH_PRICE);
    }

    /** Bid quantity at {@code level}. */
    public long bidQuantity(int level) {
        return Integer.toUnsignedLong(buf.getInt(bid(level) + DEPTH_QUANTITY));
    }

    /** Bid orders at {@code level}. */
    public int bidOrders(int level) {
        return Short.toUnsignedInt(buf.getShort(bid(level) + DEPTH_ORDERS));
    }

    /** Offer price at {@code level} (0 is best). */
    public long askPrice(int level) {
        return buf.getInt(ask(level) + DEPTH_PRICE);
    }

    /** Offer quantity at {@code level}. */
    public long askQuantity(int level) {
        return Integer.toUnsignedLong(buf.getInt(ask(level) + DEPTH_QUANTITY));
    }

    /** Offer orders at {@code level}. */
    public int askOrders(int level) {
        return Short.toUnsignedInt(buf.getShort(ask(level) + DEPTH_ORDERS));
    }

    /** A copy of the packet's bytes, for archives that keep raw packets. */
    public byte[] copyBytes() {
        byte[] raw = new byte[length];
        buf.get(at, raw);
        return raw;
    }

    @Override
    public String toString() {
        return "KitePacketView{token=" + token + ", length=" + length + ", lastPrice=" + lastPrice() + '}';
    }

    private boolean tradableQuote() {
        return length == QUOTE_LENGTH || length == FULL_LENGTH;
    }

    private long price(int tradableOffset, int indexOffset) {
        if (length == LTP_LENGTH) {
            return 0;
        }
        return buf.getInt(at + (isIndex() ? indexOffset : tradableOffset));
    }

    private int bid(int level) {
        checkLevel(level);
        return at + DEPTH + level * DEPTH_ENTRY;
    }

    private int ask(int level) {
        checkLevel(level);
        return at + DEPTH_ASKS + level * DEPTH_ENTRY;
    }

    private void checkLevel(int level) {
        if (level < 0 || level >= depthLevels()) {
            throw new IndexOutOfBoundsException("depth level " + level + " of a " + length + "-byte packet");
        }
    }

    private long u32(int offset) {
        return Integer.toUnsignedLong(buf.getInt(at + offset));
    }
}
