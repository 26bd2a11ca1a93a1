package io.tickengine.cache.redis.internal;

import io.lettuce.core.api.StatefulRedisConnection;
import io.tickengine.cache.redis.RedisUnavailableException;

/**
 * A writer connection opened on first use and opened again on the next use if that failed; once
 * open, Lettuce reconnects it by itself. Thread-safe; a pipelined one must be used by one thread.
 */
public final class LazyConnection implements AutoCloseable {
    private final RedisConnector connector;
    private final boolean pipelined;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;

    /** {@code pipelined}: auto-flush off, the user calls {@link StatefulRedisConnection#flushCommands()}. */
    public LazyConnection(RedisConnector connector, boolean pipelined) {
        this.connector = connector;
        this.pipelined = pipelined;
    }

    /**
     * The connection, opening it if needed.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    public StatefulRedisConnection<byte[], byte[]> get() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection == null) {
                c = connector.connect();
                if (pipelined) {
                    c.setAutoFlushCommands(false);
                }
                connection = c;
            }
            return connection;
        }
    }

    /** Whether a connection is open and currently connected. */
    public boolean isConnected() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public synchronized void close() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        connection = null;
        if (c != null && c.isOpen()) {
            c.close();
        }
    }
}
