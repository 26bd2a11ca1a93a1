package io.tickengine.store.timescale;

import io.tickengine.core.TickException;

/** Thrown when the store's schema migrations could not be applied at start. */
public class SchemaMigrationException extends TickException {
    private static final long serialVersionUID = 1L;

    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
