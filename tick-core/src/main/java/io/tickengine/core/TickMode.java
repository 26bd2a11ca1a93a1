package io.tickengine.core;

/**
 * How much a feed sends per instrument. Every feed maps its own modes onto these: Kite's {@code ltp},
 * {@code quote} and {@code full}; Angel One's LTP, Quote, SnapQuote (FULL) and Depth-20 (DEPTH).
 */
public enum TickMode {
    /** Last traded price only. */
    LTP,
    /** Price, quantities, volume and day OHLC, without depth. */
    QUOTE,
    /** Everything the feed has, including market depth and open interest. */
    FULL,
    /**
     * The order book only (Angel One's Depth-20): depth and timestamps, no trade fields, so
     * {@link Tick#lastPrice()} is 0 and means nothing. Such a tick is not a trade: validation does not
     * check its price, candles and latest-value caches ignore it, stores keep it as it came.
     */
    DEPTH;

    /** Whether ticks in this mode carry a last traded price (every mode but {@link #DEPTH}). */
    public boolean hasTradePrice() {
        return this != DEPTH;
    }
}
