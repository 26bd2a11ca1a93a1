package io.tickengine.store.timescale;

import io.tickengine.core.TickException;

/**
 * Thrown by the store's sinks when the database is behind, memory is full and the spill files reached
 * their cap; the batch was not taken, and the engine keeps it and retries.
 */
public class SpillFullException extends TickException {
    private static final long serialVersionUID = 1L;

    public SpillFullException(String message) {
        super(message);
    }
}
