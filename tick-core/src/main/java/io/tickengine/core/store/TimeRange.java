package io.tickengine.core.store;

import java.time.Instant;

/**
 * A half-open time range {@code [from, to)} in epoch milliseconds UTC, for history queries.
 *
 * @param fromMillis inclusive start
 * @param toMillis exclusive end
 */
public record TimeRange(long fromMillis, long toMillis) {
    public TimeRange {
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("time range ends before it starts: from " + Instant.ofEpochMilli(fromMillis)
                    + " to " + Instant.ofEpochMilli(toMillis));
        }
    }

    /** The range between two instants. */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from.toEpochMilli(), to.toEpochMilli());
    }

    /** Whether {@code epochMillis} lies in the range. */
    public boolean contains(long epochMillis) {
        return epochMillis >= fromMillis && epochMillis < toMillis;
    }
}
