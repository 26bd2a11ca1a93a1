package io.tickengine.kite.ws.internal;

/**
 * A reconnect delay schedule. A stand-in until the core reconnect policy lands; it has the same shape.
 * Not thread-safe.
 */
public interface Backoff {
    /** The next delay in milliseconds, or -1 when the attempts are used up. */
    long nextDelayMillis();

    /** Starts over after a successful connection. */
    void reset();
}
