package io.tickengine.core.engine;

/** Something questionable about an incoming tick; each has a policy in {@link ValidationOptions}. */
public enum TickIssue {
    /** The instrument is not in the registry. Default: accepted and counted. */
    UNKNOWN_INSTRUMENT,
    /** Last price is zero (nothing traded yet). Default: rejected and counted. */
    ZERO_PRICE,
    /** Last price is negative (possible for spreads and, once, crude oil). Default: rejected and counted. */
    NEGATIVE_PRICE,
    /** Exchange timestamp older than the last one seen for the instrument. Default: accepted and counted. */
    OUT_OF_ORDER,
    /** Exchange timestamp later than receive time plus the tolerance. Default: rejected and counted. */
    FUTURE_TIMESTAMP
}
