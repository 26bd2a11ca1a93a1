package io.tickengine.kite.rest.internal;

import io.tickengine.core.TickMode;
import java.util.List;

/** Which quote endpoint serves a mode, how many instruments one request may carry, and its query. */
public final class QuoteEndpoints {
    /** Instruments per {@code /quote} request. */
    public static final int MAX_FULL = 500;
    /** Instruments per {@code /quote/ohlc} or {@code /quote/ltp} request. */
    public static final int MAX_OTHER = 1000;

    private QuoteEndpoints() {
    }

    /** {@code /quote} for FULL, {@code /quote/ohlc} for QUOTE, {@code /quote/ltp} for LTP. */
    public static String path(TickMode mode) {
        switch (mode) {
            case FULL:
                return "/quote";
            case QUOTE:
                return "/quote/ohlc";
            default:
                return "/quote/ltp";
        }
    }

    /** The most instruments one request of this mode may carry. */
    public static int maxPerRequest(TickMode mode) {
        return mode == TickMode.FULL ? MAX_FULL : MAX_OTHER;
    }

    /** The path and query of a batch: {@code /quote/ltp?i=408065&i=738561}. */
    public static String request(PollBook.Batch batch) {
        StringBuilder sb = new StringBuilder(16 + batch.tokens().size() * 12).append(path(batch.mode()));
        List<Long> tokens = batch.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            sb.append(i == 0 ? '?' : '&').append("i=").append(tokens.get(i));
        }
        return sb.toString();
    }
}
