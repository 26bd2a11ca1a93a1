package io.tickengine.store.sqlite.internal;

import io.tickengine.core.time.Clock;
import io.tickengine.store.sqlite.SqliteStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows and commits them in one {@code BEGIN IMMEDIATE} transaction on its own connection once
 * {@code maxRows} are waiting or the oldest has waited {@code flushMillis} (seed 003). Driven by one
 * sink thread; methods are synchronized only so that closing the store from another thread is safe.
 * A failed commit keeps the rows that were already acknowledged and hands the new batch back to the
 * engine (by throwing) for a retry, so the buffer never holds a batch twice.
 */
abstract class BatchWriter<E> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final String name;
    private final Connection connection;
    private final int maxRows;
    private final long flushMillis;
    private final Clock clock;
    private final Checkpointer checkpointer;
    private final Lock writeLock;
    private final List<E> pending;
    private long firstPendingAt;
    private boolean closed;
    private volatile long rowsWritten;

    BatchWriter(String name, Connection connection, WriterSettings settings) {
        this.name = name;
        this.connection = connection;
        this.maxRows = settings.maxRows();
        this.flushMillis = settings.flushMillis();
        this.clock = settings.clock();
        this.checkpointer = settings.checkpointer();
        this.writeLock = settings.writeLock();
        this.pending = new ArrayList<>(Math.min(maxRows, 4096) * 2);
    }

    /** Writes the rows inside the open transaction. */
    protected abstract void write(Connection c, List<E> rows) throws SQLException;

    /** Called after a commit succeeded. */
    protected void committed() {
    }

    /** Releases prepared statements; the connection is closed afterwards. */
    protected abstract void closeStatements() throws SQLException;

    /** Buffers a batch and commits if the buffer is full; the list may be reused by the caller after. */
    synchronized void accept(List<? extends E> batch) throws SQLException {
        checkOpen();
        if (batch.isEmpty()) {
            return;
        }
        int before = pending.size();
        if (before == 0) {
            firstPendingAt = clock.millis();
        }
        pending.addAll(batch);
        if (pending.size() >= maxRows) {
            try {
                commitPending();
            } catch (SQLException | RuntimeException e) {
                pending.subList(before, pending.size()).clear();
                throw e;
            }
        }
    }

    /** Commits when the oldest buffered row has waited the flush interval, and checkpoints when due. */
    synchronized void timer(long nowMillis) throws SQLException {
        if (closed) {
            return;
        }
        if (!pending.isEmpty() && nowMillis - firstPendingAt >= flushMillis) {
            commitPending();
        }
        checkpointer.maybeCheckpoint(connection, nowMillis);
    }

    /** Commits whatever is buffered. */
    synchronized void flush() throws SQLException {
        if (!closed && !pending.isEmpty()) {
            commitPending();
        }
    }

    /** Rows committed so far. */
    long rowsWritten() {
        return rowsWritten;
    }

    /** Flushes, then closes the connection; idempotent. Rows that could not be written are logged and lost. */
    @Override
    public synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.error("sqlite writer {} closed with {} unwritten rows", name, pending.size(), e);
            throw e;
        } finally {
            closed = true;
            pending.clear();
            try {
                closeStatements();
            } finally {
                connection.close();
            }
        }
    }

    private void commitPending() throws SQLException {
        writeLock.lock();
        try {
            Transactions.beginImmediate(connection);
            try {
                write(connection, pending);
                Transactions.commit(connection);
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection, e);
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
        rowsWritten += pending.size();
        pending.clear();
        committed();
    }

    private void checkOpen() {
        if (closed) {
            throw new SqliteStoreException("sqlite writer " + name + " is closed");
        }
    }
}
