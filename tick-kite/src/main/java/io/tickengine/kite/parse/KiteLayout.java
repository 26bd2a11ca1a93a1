package io.tickengine.kite.parse;

/**
 * Byte layout of Kite binary frames, shared by the parser and the encoder so that the offsets live in
 * one place. All numbers are big-endian.
 */
final class KiteLayout {
    /** Bytes of the frame header (uint16 packet count) and of each packet's uint16 length prefix. */
    static final int COUNT_BYTES = 2;
    static final int LENGTH_BYTES = 2;

    static final int LTP_LENGTH = 8;
    static final int INDEX_QUOTE_LENGTH = 28;
    static final int INDEX_FULL_LENGTH = 32;
    static final int QUOTE_LENGTH = 44;
    static final int FULL_LENGTH = 184;

    static final int TOKEN = 0;
    static final int LAST_PRICE = 4;

    static final int LAST_QUANTITY = 8;
    static final int AVERAGE_PRICE = 12;
    static final int VOLUME = 16;
    static final int TOTAL_BUY_QUANTITY = 20;
    static final int TOTAL_SELL_QUANTITY = 24;
    static final int OPEN = 28;
    static final int HIGH = 32;
    static final int LOW = 36;
    static final int CLOSE = 40;
    static final int LAST_TRADE_TIME = 44;
    static final int OPEN_INTEREST = 48;
    static final int OPEN_INTEREST_DAY_HIGH = 52;
    static final int OPEN_INTEREST_DAY_LOW = 56;
    static final int EXCHANGE_TIMESTAMP = 60;
    static final int DEPTH = 64;
    static final int DEPTH_LEVELS = 5;
    static final int DEPTH_ENTRY = 12;
    static final int DEPTH_QUANTITY = 0;
    static final int DEPTH_PRICE = 4;
    static final int DEPTH_ORDERS = 8;
    static final int DEPTH_ASKS = DEPTH + DEPTH_LEVELS * DEPTH_ENTRY;

    /** Index packets put the day range in the order high, low, open, close. */
    static final int INDEX_HIGH = 8;
    static final int INDEX_LOW = 12;
    static final int INDEX_OPEN = 16;
    static final int INDEX_CLOSE = 20;
    static final int INDEX_CHANGE = 24;
    static final int INDEX_EXCHANGE_TIMESTAMP = 28;

    static final long MILLIS_PER_SECOND = 1000L;

    private KiteLayout() {
    }
}
