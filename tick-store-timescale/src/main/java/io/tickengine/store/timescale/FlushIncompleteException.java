package io.tickengine.store.timescale;

import io.tickengine.core.TickException;

/**
 * Thrown by the store's sinks from {@code flush()} when records they accepted are not yet in the
 * database: they are safe in the spill files, or still in memory. The engine counts it in the sink's
 * errors and logs it; the records are written once the database takes them again.
 */
public class FlushIncompleteException extends TickException {
    private static final long serialVersionUID = 1L;

    public FlushIncompleteException(String message) {
        super(message);
    }
}
