package io.tickengine.store.timescale;

import io.tickengine.core.TickException;

/** Thrown when a history query fails in the database. */
public class StoreQueryException extends TickException {
    private static final long serialVersionUID = 1L;

    public StoreQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
