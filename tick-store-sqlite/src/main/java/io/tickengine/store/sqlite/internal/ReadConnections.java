package io.tickengine.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.sqlite.SQLiteConfig;

/**
 * Read-only connections for history queries, any thread. Up to {@code idle} closed handles keep
 * their connection for the next query, which spares an open and a schema parse per query; beyond
 * that, connections are opened and closed as needed. Each is {@code query_only} and keeps its
 * prepared statements ({@link StatementCache}), which spares compiling the SQL again per query.
 */
final class ReadConnections implements ConnectionFactory, StatementBuilderFactory, AutoCloseable {
    private final String url;
    private final SQLiteConfig config;
    private final int maxIdle;
    private final BlockingQueue<Connection> idle;
    /** The statements of every open connection, by identity. */
    private final Map<Connection, StatementCache> statements = new IdentityHashMap<>();
    private volatile boolean closed;

    ReadConnections(String url, SQLiteConfig config, int maxIdle) {
        this.url = url;
        this.config = config;
        this.maxIdle = maxIdle;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, maxIdle));
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        c = config.createConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = true");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        synchronized (statements) {
            statements.put(c, new StatementCache());
        }
        return c;
    }

    /** The statement cache of a connection this opened; Jdbi asks once per handle. */
    @Override
    public StatementBuilder createStatementBuilder(Connection c) {
        StatementCache cache;
        synchronized (statements) {
            cache = statements.get(c);
        }
        return cache != null ? cache : new DefaultStatementBuilder();
    }

    @Override
    public void closeConnection(Connection c) throws SQLException {
        if (closed || maxIdle == 0 || c.isClosed() || !c.getAutoCommit() || !idle.offer(c)) {
            closeWithStatements(c);
        } else if (closed) {
            closeIdle();
        }
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        closeIdle();
    }

    private void closeIdle() throws SQLException {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeWithStatements(c);
        }
    }

    private void closeWithStatements(Connection c) throws SQLException {
        StatementCache cache;
        synchronized (statements) {
            cache = statements.remove(c);
        }
        try {
            if (cache != null && !c.isClosed()) {
                cache.closeAll();
            }
        } finally {
            c.close();
        }
    }
}
