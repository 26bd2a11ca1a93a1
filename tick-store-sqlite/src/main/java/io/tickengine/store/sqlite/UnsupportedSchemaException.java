package io.tickengine.store.sqlite;

/**
 * Thrown on open when the file's schema version is newer than this library knows: it was written by
 * a later tickengine, and opening it here could corrupt it.
 */
public class UnsupportedSchemaException extends SqliteStoreException {
    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message}, which names both versions. */
    public UnsupportedSchemaException(String message) {
        super(message);
    }
}
