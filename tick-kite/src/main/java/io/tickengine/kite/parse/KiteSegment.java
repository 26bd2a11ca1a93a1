package io.tickengine.kite.parse;

import io.tickengine.core.Exchange;

/**
 * The exchange segment carried in the low byte of a Kite instrument token. It fixes the price scale
 * of every price in a packet, so a segment the library does not know is never guessed at.
 */
public enum KiteSegment {
    /** NSE cash market. */
    NSE(1, Exchange.NSE, 2),
    /** NSE futures and options. */
    NFO(2, Exchange.NFO, 2),
    /** NSE currency derivatives: prices have 7 decimals. */
    CDS(3, Exchange.CDS, 7),
    /** BSE cash market. */
    BSE(4, Exchange.BSE, 2),
    /** BSE futures and options. */
    BFO(5, Exchange.BFO, 2),
    /** BSE currency derivatives: prices have 4 decimals. */
    BCD(6, Exchange.BCD, 4),
    /** Multi Commodity Exchange. */
    MCX(7, Exchange.MCX, 2),
    /** MCX stock exchange segment. */
    MCXSX(8, Exchange.MCXSX, 2),
    /** Indices, which are not tradable; the exchange defaults to NSE unless the instrument is known. */
    INDICES(9, Exchange.NSE, 2),
    /** NSE commodity derivatives: prices have 4 decimals. */
    NCO(12, Exchange.NCO, 4);

    private static final KiteSegment[] BY_CODE = new KiteSegment[256];

    static {
        for (KiteSegment s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    private final int code;
    private final Exchange exchange;
    private final int priceScale;

    KiteSegment(int code, Exchange exchange, int priceScale) {
        this.code = code;
        this.exchange = exchange;
        this.priceScale = priceScale;
    }

    /** The segment of an instrument token, or null when the segment is unknown. */
    public static KiteSegment ofToken(long instrumentToken) {
        return BY_CODE[(int) (instrumentToken & 0xFF)];
    }

    /** The segment with a wire code, or null when the code is unknown. */
    public static KiteSegment ofCode(int code) {
        return code < 0 || code > 255 ? null : BY_CODE[code];
    }

    /** The wire code: {@code token & 0xFF}. */
    public int code() {
        return code;
    }

    /** The exchange ticks of this segment belong to (NSE for indices unless the instrument says otherwise). */
    public Exchange exchange() {
        return exchange;
    }

    /** Decimal places of every price of this segment. */
    public int priceScale() {
        return priceScale;
    }

    /** False for indices. */
    public boolean tradable() {
        return this != INDICES;
    }
}
