package io.tickengine.angelone.parse;

import io.tickengine.core.TickMode;

/** Angel One's subscription modes, each with its packet length and the core mode its ticks carry. */
public enum AngelOneMode {
    /** Last traded price: 51-byte packets. */
    LTP(1, AngelOneLayout.LTP_LENGTH, TickMode.LTP),
    /** Quote: 123-byte packets with day OHLC, volume and total quantities. */
    QUOTE(2, AngelOneLayout.QUOTE_LENGTH, TickMode.QUOTE),
    /** SnapQuote: 379-byte packets adding open interest, best five, circuits and 52-week range. */
    SNAP_QUOTE(3, AngelOneLayout.SNAP_QUOTE_LENGTH, TickMode.FULL),
    /** Depth-20: 443-byte packets of twenty levels per side, order book only (layout unverified; NSE cash only). */
    DEPTH_20(4, AngelOneLayout.DEPTH_20_LENGTH, TickMode.DEPTH);

    private final int code;
    private final int packetLength;
    private final TickMode tickMode;

    AngelOneMode(int code, int packetLength, TickMode tickMode) {
        this.code = code;
        this.packetLength = packetLength;
        this.tickMode = tickMode;
    }

    /** The number in requests and in a packet's first byte. */
    public int code() {
        return code;
    }

    /** The length of this mode's packets in bytes. */
    public int packetLength() {
        return packetLength;
    }

    /** The core mode of ticks decoded from this mode's packets. */
    public TickMode tickMode() {
        return tickMode;
    }

    /** The mode with this code, or null. */
    public static AngelOneMode ofCode(int code) {
        switch (code) {
            case 1:
                return LTP;
            case 2:
                return QUOTE;
            case 3:
                return SNAP_QUOTE;
            case 4:
                return DEPTH_20;
            default:
                return null;
        }
    }

    /** The Angel One mode that serves a core mode: LTP, Quote, SnapQuote for FULL, Depth-20 for DEPTH. */
    public static AngelOneMode of(TickMode mode) {
        switch (mode) {
            case LTP:
                return LTP;
            case QUOTE:
                return QUOTE;
            case FULL:
                return SNAP_QUOTE;
            case DEPTH:
                return DEPTH_20;
            default:
                throw new IllegalArgumentException("no Angel One mode for " + mode);
        }
    }
}
