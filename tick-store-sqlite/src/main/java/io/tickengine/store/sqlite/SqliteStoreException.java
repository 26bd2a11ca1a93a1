package io.tickengine.store.sqlite;

import io.tickengine.core.TickException;

/** Thrown when the SQLite store cannot open, migrate, read or write its file; the message says which. */
public class SqliteStoreException extends TickException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public SqliteStoreException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by a driver or I/O error. */
    public SqliteStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
