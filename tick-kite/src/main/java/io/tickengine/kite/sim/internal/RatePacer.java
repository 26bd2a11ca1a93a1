package io.tickengine.kite.sim.internal;

/**
 * How many of {@code n} instruments fall due in a stretch of time when each ticks once per interval
 * at its own phase: elapsed time is turned into ticks exactly, the remainder carried to the next call,
 * so a late call catches up, by one whole interval at most (no instrument ticks twice in one call).
 * Not thread-safe; the streaming thread owns it.
 */
final class RatePacer {
    private final long intervalNanos;
    /** Elapsed nanos times instruments not yet turned into ticks: the fraction of a tick still owed. */
    private long owed;

    RatePacer(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive, was " + intervalNanos + " ns");
        }
        this.intervalNanos = intervalNanos;
    }

    /** Ticks due among {@code n} instruments after {@code elapsedNanos} more; 0 to {@code n}. */
    int due(long elapsedNanos, int n) {
        if (n <= 0) {
            owed = 0;
            return 0;
        }
        owed += Math.min(Math.max(0, elapsedNanos), intervalNanos) * n;
        long count = owed / intervalNanos;
        owed -= count * intervalNanos;
        if (count >= n) {
            owed = 0;
            return n;
        }
        return (int) count;
    }
}
