package io.tickengine.angelone.parse;

import static io.tickengine.angelone.parse.AngelOneLayout.*;

import io.tickengine.core.Tick;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A flyweight over one Angel One packet: every accessor reads its little-endian field in place, so
 * walking packets allocates nothing (except {@link #token()}). {@link AngelOnePacketParser#view} hands out
 * one instance per parser; it is valid only until the next packet, and values that must outlive it belong
 * in a {@link Tick}. Prices are units at {@link #priceScale()}, times epoch milliseconds UTC, and fields
 * the packet's mode does not carry read as 0 ({@link #openInterestChangePercent()} as NaN).
 *
 * <p>Best-five entries are grouped by their buy/sell flag, not by position, in the order they arrive;
 * entries that are all zero (empty levels) are left out. Depth-20 levels that are all zero are left out
 * the same way.
 */
public final class AngelOnePacketView {
    private final int[] bids = new int[D20_LEVELS];
    private final int[] asks = new int[D20_LEVELS];
    private ByteBuffer buf;
    private int at;
    private AngelOneMode mode;
    private ExchangeType exchangeType;
    private int priceScale;
    private int bidCount;
    private int askCount;

    AngelOnePacketView() {
    }

    /** Points the view at a packet whose length, mode and exchange type the parser has checked. */
    void wrap(ByteBuffer buf, int at, AngelOneMode mode, ExchangeType exchangeType, int priceScale) {
        this.buf = buf;
        this.at = at;
        this.mode = mode;
        this.exchangeType = exchangeType;
        this.priceScale = priceScale;
        bidCount = 0;
        askCount = 0;
        if (mode == AngelOneMode.SNAP_QUOTE) {
            indexBestFive();
        } else if (mode == AngelOneMode.DEPTH_20) {
            bidCount = indexLevels(at + D20_BUYS, bids);
            askCount = indexLevels(at + D20_SELLS, asks);
        }
    }

    /** The subscription mode of the packet. */
    public AngelOneMode mode() {
        return mode;
    }

    /** The exchange type of the packet. */
    public ExchangeType exchangeType() {
        return exchangeType;
    }

    /** Decimal places of every price in this packet. */
    public int priceScale() {
        return priceScale;
    }

    /** Length of the packet in bytes. */
    public int length() {
        return mode.packetLength();
    }

    /** Bytes of the token before its NUL terminator (at most 25). */
    public int tokenLength() {
        int n = 0;
        while (n < TOKEN_LENGTH && buf.get(at + TOKEN + n) != 0) {
            n++;
        }
        return n;
    }

    /** The token's byte at {@code index}, which must be below {@link #tokenLength()}. */
    public byte tokenByte(int index) {
        return buf.get(at + TOKEN + index);
    }

    /** The token as text (allocates). */
    public String token() {
        byte[] bytes = new byte[tokenLength()];
        buf.get(at + TOKEN, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The feed's sequence number; {@link Tick#NO_SEQUENCE} for Depth-20, which has none. */
    public long sequenceNumber() {
        return mode == AngelOneMode.DEPTH_20 ? Tick.NO_SEQUENCE : buf.getLong(at + SEQUENCE);
    }

    /** Exchange time of the packet, epoch milliseconds. */
    public long exchangeTimestamp() {
        return buf.getLong(at + (mode == AngelOneMode.DEPTH_20 ? D20_EXCHANGE_TIMESTAMP : EXCHANGE_TIMESTAMP));
    }

    /** Depth-20's packet time, epoch milliseconds; 0 for other modes. */
    public long packetTime() {
        return mode == AngelOneMode.DEPTH_20 ? buf.getLong(at + D20_PACKET_TIME) : 0;
    }

    /** Last traded price; 0 in Depth-20 packets, which do not carry it. */
    public long lastPrice() {
        return mode == AngelOneMode.DEPTH_20 ? 0 : buf.getLong(at + LAST_PRICE);
    }

    /** Quantity of the last trade. */
    public long lastQuantity() {
        return quote(LAST_QUANTITY);
    }

    /** Average traded price of the day. */
    public long averagePrice() {
        return quote(AVERAGE_PRICE);
    }

    /** Volume of the day. */
    public long volume() {
        return quote(VOLUME);
    }

    /** Total pending buy quantity as the feed sends it (a float64); 0 when absent. */
    public double totalBuyQuantityRaw() {
        return isQuote() ? buf.getDouble(at + TOTAL_BUY_QUANTITY) : 0;
    }

    /** Total pending sell quantity as the feed sends it (a float64); 0 when absent. */
    public double totalSellQuantityRaw() {
        return isQuote() ? buf.getDouble(at + TOTAL_SELL_QUANTITY) : 0;
    }

    /** Total pending buy quantity as a whole number; see {@link #quantityOf(double)}. */
    public long totalBuyQuantity() {
        return quantityOf(totalBuyQuantityRaw());
    }

    /** Total pending sell quantity as a whole number; see {@link #quantityOf(double)}. */
    public long totalSellQuantity() {
        return quantityOf(totalSellQuantityRaw());
    }

    /** Day open. */
    public long open() {
        return quote(OPEN);
    }

    /** Day high. */
    public long high() {
        return quote(HIGH);
    }

    /** Day low. */
    public long low() {
        return quote(LOW);
    }

    /** Previous close. */
    public long close() {
        return quote(CLOSE);
    }

    /** Time of the last trade, epoch milliseconds (SnapQuote only). */
    public long lastTradeTime() {
        return snap(LAST_TRADE_TIME);
    }

    /** Open interest (SnapQuote only). */
    public long openInterest() {
        return snap(OPEN_INTEREST);
    }

    /** Change of open interest in percent (SnapQuote only); NaN when absent. */
    public double openInterestChangePercent() {
        return mode == AngelOneMode.SNAP_QUOTE ? buf.getDouble(at + OPEN_INTEREST_CHANGE) : Double.NaN;
    }

    /** Upper circuit limit (SnapQuote only). */
    public long upperCircuit() {
        return snap(UPPER_CIRCUIT);
    }

    /** Lower circuit limit (SnapQuote only). */
    public long lowerCircuit() {
        return snap(LOWER_CIRCUIT);
    }

    /** 52-week high (SnapQuote only). */
    public long week52High() {
        return snap(WEEK52_HIGH);
    }

    /** 52-week low (SnapQuote only). */
    public long week52Low() {
        return snap(WEEK52_LOW);
    }

    /** Bid levels present: up to 10 in SnapQuote (by flag), up to 20 in Depth-20, else 0. */
    public int bidLevels() {
        return bidCount;
    }

    /** Offer levels present. */
    public int askLevels() {
        return askCount;
    }

    /** Bid price at {@code level} (0 is best). */
    public long bidPrice(int level) {
        return price(entry(bids, bidCount, level));
    }

    /** Bid quantity at {@code level}. */
    public long bidQuantity(int level) {
        return quantity(entry(bids, bidCount, level));
    }

    /** Bid orders at {@code level}. */
    public int bidOrders(int level) {
        return orders(entry(bids, bidCount, level));
    }

    /** Offer price at {@code level} (0 is best). */
    public long askPrice(int level) {
        return price(entry(asks, askCount, level));
    }

    /** Offer quantity at {@code level}. */
    public long askQuantity(int level) {
        return quantity(entry(asks, askCount, level));
    }

    /** Offer orders at {@code level}. */
    public int askOrders(int level) {
        return orders(entry(asks, askCount, level));
    }

    /** A copy of the packet's bytes, for archives that keep raw packets. */
    public byte[] copyBytes() {
        byte[] raw = new byte[length()];
        buf.get(at, raw);
        return raw;
    }

    /**
     * A float64 quantity as a long: exact when it is integral (as the feed sends it); otherwise rounded
     * half up; NaN becomes 0 and values beyond the long range saturate.
     */
    public static long quantityOf(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        long whole = (long) value;
        return whole == value ? whole : Math.round(value);
    }

    @Override
    public String toString() {
        return "AngelOnePacketView{mode=" + mode + ", exchangeType=" + exchangeType + ", token=" + token()
                + ", lastPrice=" + lastPrice() + '}';
    }

    private boolean isQuote() {
        return mode == AngelOneMode.QUOTE || mode == AngelOneMode.SNAP_QUOTE;
    }

    private long quote(int offset) {
        return isQuote() ? buf.getLong(at + offset) : 0;
    }

    private long snap(int offset) {
        return mode == AngelOneMode.SNAP_QUOTE ? buf.getLong(at + offset) : 0;
    }

    private void indexBestFive() {
        for (int i = 0; i < BEST_FIVE_ENTRIES; i++) {
            int e = at + BEST_FIVE + i * BEST_FIVE_ENTRY;
            if (buf.getLong(e + ENTRY_QUANTITY) == 0 && buf.getLong(e + ENTRY_PRICE) == 0
                    && buf.getShort(e + ENTRY_ORDERS) == 0) {
                continue;
            }
            if (buf.getShort(e + ENTRY_FLAG) == FLAG_BUY) {
                bids[bidCount++] = e;
            } else {
                asks[askCount++] = e;
            }
        }
    }

    private int indexLevels(int start, int[] into) {
        int n = 0;
        for (int i = 0; i < D20_LEVELS; i++) {
            int e = start + i * D20_ENTRY;
            if (buf.getInt(e + D20_QUANTITY) != 0 || buf.getInt(e + D20_PRICE) != 0 || buf.getShort(e + D20_ORDERS) != 0) {
                into[n++] = e;
            }
        }
        return n;
    }

    private static int entry(int[] index, int count, int level) {
        if (level < 0 || level >= count) {
            throw new IndexOutOfBoundsException("depth level " + level + " of " + count);
        }
        return index[level];
    }

    private long price(int e) {
        return mode == AngelOneMode.DEPTH_20 ? buf.getInt(e + D20_PRICE) : buf.getLong(e + ENTRY_PRICE);
    }

    private long quantity(int e) {
        return mode == AngelOneMode.DEPTH_20 ? buf.getInt(e + D20_QUANTITY) : buf.getLong(e + ENTRY_QUANTITY);
    }

    private int orders(int e) {
        return Short.toUnsignedInt(buf.getShort(e + (mode == AngelOneMode.DEPTH_20 ? D20_ORDERS : ENTRY_ORDERS)));
    }
}
