package io.tickengine.angelone.parse;

/** Offsets and lengths of Angel One's little-endian packets, from the protocol notes. */
final class AngelOneLayout {
    static final int LTP_LENGTH = 51;
    static final int QUOTE_LENGTH = 123;
    static final int SNAP_QUOTE_LENGTH = 379;
    static final int DEPTH_20_LENGTH = 443;

    static final int MODE = 0;
    static final int EXCHANGE_TYPE = 1;
    static final int TOKEN = 2;
    static final int TOKEN_LENGTH = 25;
    static final int SEQUENCE = 27;
    static final int EXCHANGE_TIMESTAMP = 35;
    static final int LAST_PRICE = 43;
    static final int LAST_QUANTITY = 51;
    static final int AVERAGE_PRICE = 59;
    static final int VOLUME = 67;
    static final int TOTAL_BUY_QUANTITY = 75;
    static final int TOTAL_SELL_QUANTITY = 83;
    static final int OPEN = 91;
    static final int HIGH = 99;
    static final int LOW = 107;
    static final int CLOSE = 115;
    static final int LAST_TRADE_TIME = 123;
    static final int OPEN_INTEREST = 131;
    static final int OPEN_INTEREST_CHANGE = 139;
    static final int BEST_FIVE = 147;
    static final int BEST_FIVE_ENTRIES = 10;
    static final int BEST_FIVE_ENTRY = 20;
    static final int ENTRY_FLAG = 0;
    static final int ENTRY_QUANTITY = 2;
    static final int ENTRY_PRICE = 10;
    static final int ENTRY_ORDERS = 18;
    static final int UPPER_CIRCUIT = 347;
    static final int LOWER_CIRCUIT = 355;
    static final int WEEK52_HIGH = 363;
    static final int WEEK52_LOW = 371;

    /** Depth-20 (unverified): exchange timestamp at 27, packet time at 35, then 20 buy and 20 sell levels. */
    static final int D20_EXCHANGE_TIMESTAMP = 27;
    static final int D20_PACKET_TIME = 35;
    static final int D20_BUYS = 43;
    static final int D20_SELLS = 243;
    static final int D20_LEVELS = 20;
    static final int D20_ENTRY = 10;
    static final int D20_QUANTITY = 0;
    static final int D20_PRICE = 4;
    static final int D20_ORDERS = 8;

    static final short FLAG_BUY = 1;

    private AngelOneLayout() {
    }
}
