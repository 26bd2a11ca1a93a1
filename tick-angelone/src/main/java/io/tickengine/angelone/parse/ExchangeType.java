package io.tickengine.angelone.parse;

import io.tickengine.core.Exchange;
import java.util.Locale;

/**
 * Angel One's exchange types: the number in packets and requests, the {@code exch_seg} name of the scrip
 * master and the core exchange. Every price arrives in paise (scale 2); for {@code cde_fo} that scaling
 * is unverified and can be overridden in {@link AngelOneParserOptions}.
 */
public enum ExchangeType {
    /** NSE cash market and NSE indices. */
    NSE_CM(1, "nse_cm", Exchange.NSE),
    /** NSE futures and options. */
    NSE_FO(2, "nse_fo", Exchange.NFO),
    /** BSE cash market and BSE indices. */
    BSE_CM(3, "bse_cm", Exchange.BSE),
    /** BSE futures and options. */
    BSE_FO(4, "bse_fo", Exchange.BFO),
    /** MCX commodity futures and options. */
    MCX_FO(5, "mcx_fo", Exchange.MCX),
    /** NCDEX commodity futures. */
    NCX_FO(7, "ncx_fo", Exchange.NCDEX),
    /** NSE currency derivatives. */
    CDE_FO(13, "cde_fo", Exchange.CDS);

    /** Namespace prefix of this feed's aliases in the instrument registry. */
    public static final String NAMESPACE_PREFIX = "angelone:";
    private static final ExchangeType[] BY_CODE = new ExchangeType[14];

    static {
        for (ExchangeType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String wireName;
    private final Exchange exchange;

    ExchangeType(int code, String wireName, Exchange exchange) {
        this.code = code;
        this.wireName = wireName;
        this.exchange = exchange;
    }

    /** The number Angel One uses in packets and requests. */
    public int code() {
        return code;
    }

    /** The scrip master's {@code exch_seg} in lower case, for example {@code nse_cm}. */
    public String wireName() {
        return wireName;
    }

    /** The core exchange ticks of this type carry. */
    public Exchange exchange() {
        return exchange;
    }

    /** The registry alias namespace, for example {@code angelone:nse_cm}. */
    public String namespace() {
        return NAMESPACE_PREFIX + wireName;
    }

    /** The type with this code, or null when Angel One's code is unknown. */
    public static ExchangeType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The type of a scrip master {@code exch_seg} (case-insensitive: {@code NSE}, {@code NFO}, ...), or null. */
    public static ExchangeType ofSegment(String exchSeg) {
        if (exchSeg == null) {
            return null;
        }
        switch (exchSeg.strip().toUpperCase(Locale.ROOT)) {
            case "NSE":
            case "NSE_CM":
                return NSE_CM;
            case "NFO":
            case "NSE_FO":
                return NSE_FO;
            case "BSE":
            case "BSE_CM":
                return BSE_CM;
            case "BFO":
            case "BSE_FO":
                return BSE_FO;
            case "MCX":
            case "MCX_FO":
                return MCX_FO;
            case "NCDEX":
            case "NCX_FO":
                return NCX_FO;
            case "CDS":
            case "CDE_FO":
                return CDE_FO;
            default:
                return null;
        }
    }
}
