package io.tickengine.kite.ws.internal;

/** Delays that grow by a factor from an initial delay up to a cap, for a limited number of attempts. */
public final class ExponentialBackoff implements Backoff {
    private final long initialMillis;
    private final double multiplier;
    private final long maxMillis;
    private final int maxAttempts;
    private int attempts;
    private double next;

    /** A schedule of {@code maxAttempts} delays: initial, initial x multiplier, ..., capped at max. */
    public ExponentialBackoff(long initialMillis, double multiplier, long maxMillis, int maxAttempts) {
        if (initialMillis <= 0 || maxMillis < initialMillis || multiplier < 1.0 || maxAttempts < 0) {
            throw new IllegalArgumentException("bad backoff: initial=" + initialMillis + " multiplier=" + multiplier
                    + " max=" + maxMillis + " attempts=" + maxAttempts);
        }
        this.initialMillis = initialMillis;
        this.multiplier = multiplier;
        this.maxMillis = maxMillis;
        this.maxAttempts = maxAttempts;
        reset();
    }

    @Override
    public long nextDelayMillis() {
        if (attempts >= maxAttempts) {
            return -1;
        }
        attempts++;
        long delay = (long) Math.min(next, maxMillis);
        next = Math.min(next * multiplier, maxMillis);
        return delay;
    }

    @Override
    public void reset() {
        attempts = 0;
        next = initialMillis;
    }

    /** Attempts used since the last reset. */
    public int attempts() {
        return attempts;
    }
}
