package io.tickengine.kite.sim.internal;

/** Failures armed for the next quote requests: each answers with the armed HTTP status. Thread-safe. */
public final class SimFaults {
    private int remaining;
    private int status;

    /** Makes the next {@code n} quote requests fail with {@code status} (429 or 5xx, for example). */
    public synchronized void failNext(int n, int status) {
        if (n < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("need n >= 0 and an error status, got " + n + " and " + status);
        }
        this.remaining = n;
        this.status = status;
    }

    /** The status the current request must fail with, or 0 when none is armed. */
    synchronized int take() {
        if (remaining == 0) {
            return 0;
        }
        remaining--;
        return status;
    }
}
