package io.tickengine.kite.rest;

/** How often the quote poller asks for an instrument: hot ones every few seconds, cold ones rarely. */
public enum PollTier {
    /** Polled every {@link KiteQuoteOptions#hotInterval()}; served first when the rate limit is tight. */
    HOT,
    /** Polled every {@link KiteQuoteOptions#coldInterval()}. */
    COLD
}
