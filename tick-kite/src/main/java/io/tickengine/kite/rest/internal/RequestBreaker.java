package io.tickengine.kite.rest.internal;

import io.tickengine.core.engine.CircuitState;
import io.tickengine.core.source.Backoff;
import io.tickengine.core.source.ReconnectPolicy;

/**
 * Failure handling of the quote poller: each failed request backs off along the retry policy (with
 * jitter); after {@code threshold} failures in a row the circuit opens and pauses requests for at least
 * the open duration; the first request after that is a trial whose success closes the circuit. Owned
 * by the poller thread; the getters may be read by any thread.
 */
public final class RequestBreaker {
    /** What {@link #failed} returns when the retry policy allows no more attempts. */
    public static final long GIVE_UP = -1;

    private final Backoff backoff;
    private final int threshold;
    private final long openMillis;
    private volatile CircuitState state = CircuitState.CLOSED;
    private volatile int consecutiveFailures;
    private volatile long opens;

    /** A closed breaker. */
    public RequestBreaker(ReconnectPolicy policy, int threshold, long openMillis) {
        this.backoff = policy.newBackoff();
        this.threshold = threshold;
        this.openMillis = openMillis;
    }

    /** The circuit's state. */
    public CircuitState state() {
        return state;
    }

    /** Failures in a row. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** How often the circuit opened. */
    public long opens() {
        return opens;
    }

    /** Marks the next request as the trial of an open circuit. */
    public void beforeRequest() {
        if (state == CircuitState.OPEN) {
            state = CircuitState.HALF_OPEN;
        }
    }

    /**
     * Counts a failure and returns the milliseconds to wait before the next request (at least
     * {@code minimumMillis}, for a server's Retry-After), or {@link #GIVE_UP}.
     */
    public long failed(long minimumMillis) {
        consecutiveFailures++;
        long delay = backoff.nextDelayMillis();
        if (delay == Backoff.EXHAUSTED) {
            return GIVE_UP;
        }
        if (state == CircuitState.HALF_OPEN || consecutiveFailures >= threshold) {
            if (state != CircuitState.OPEN) {
                opens++;
            }
            state = CircuitState.OPEN;
            delay = Math.max(delay, openMillis);
        }
        return Math.max(delay, minimumMillis);
    }

    /** Closes the circuit and starts the backoff over. */
    public void succeeded() {
        consecutiveFailures = 0;
        backoff.reset();
        state = CircuitState.CLOSED;
    }
}
