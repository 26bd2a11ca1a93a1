package io.tickengine.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Explicit write transactions on an auto-commit connection. The driver's own transaction mode would
 * begin the next transaction right after each commit; with {@code IMMEDIATE} that holds the write
 * lock between batches and starves the other writer, so writers issue {@code BEGIN IMMEDIATE} and
 * {@code COMMIT} themselves.
 */
final class Transactions {
    private Transactions() {
    }

    /** Takes the write lock now, waiting up to the busy timeout for the other writer. */
    static void beginImmediate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    static void commit(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
        }
    }

    /** Rolls back if a transaction is open; a failure is attached to {@code cause} rather than thrown. */
    static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            if (!e.getMessage().contains("no transaction is active")) {
                cause.addSuppressed(e);
            }
        }
    }
}
