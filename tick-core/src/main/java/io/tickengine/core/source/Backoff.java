package io.tickengine.core.source;

import java.util.random.RandomGenerator;

/**
 * The delays of one connection's retries under a {@link ReconnectPolicy}. Stateful and not
 * thread-safe: one per connection, used by the thread that reconnects it.
 */
public final class Backoff {
    /** What {@link #nextDelayMillis()} returns once the policy's attempts are used up. */
    public static final long EXHAUSTED = -1;

    private final long initialMillis;
    private final long maxMillis;
    private final double multiplier;
    private final double jitter;
    private final int maxAttempts;
    private final RandomGenerator random;
    private double nextMillis;
    private int attempts;

    Backoff(ReconnectPolicy policy, RandomGenerator random) {
        this.initialMillis = policy.initialDelayMillis();
        this.maxMillis = policy.maxDelayMillis();
        this.multiplier = policy.multiplier();
        this.jitter = policy.jitter();
        this.maxAttempts = policy.maxAttempts();
        this.random = random;
        this.nextMillis = initialMillis;
    }

    /**
     * The delay in milliseconds before the next attempt (counting it as made), or {@link #EXHAUSTED}
     * when the policy allows no more attempts.
     */
    public long nextDelayMillis() {
        if (maxAttempts != ReconnectPolicy.UNLIMITED_ATTEMPTS && attempts >= maxAttempts) {
            return EXHAUSTED;
        }
        if (attempts < Integer.MAX_VALUE) {
            attempts++;
        }
        long delay = (long) nextMillis;
        nextMillis = Math.min(nextMillis * multiplier, maxMillis);
        if (jitter > 0) {
            // Truncation keeps the result within [delay * (1 - jitter), delay].
            delay -= (long) (delay * jitter * random.nextDouble());
        }
        return delay;
    }

    /** Attempts counted since creation or the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    /** Starts over from the initial delay; call after a successful connect. */
    public void reset() {
        attempts = 0;
        nextMillis = initialMillis;
    }
}
