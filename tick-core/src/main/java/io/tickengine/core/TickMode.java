package io.tickengine.core;

/**
 * How much a feed sends per instrument. Every feed maps its own modes onto these three: Kite's
 * {@code ltp}, {@code quote} and {@code full}; Angel One's LTP, Quote and SnapQuote (Depth-20 is FULL
 * with twenty levels).
 */
public enum TickMode {
    /** Last traded price only. */
    LTP,
    /** Price, quantities, volume and day OHLC, without depth. */
    QUOTE,
    /** Everything the feed has, including market depth and open interest. */
    FULL
}
