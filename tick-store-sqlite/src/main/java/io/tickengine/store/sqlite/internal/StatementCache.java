package io.tickengine.store.sqlite.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The prepared statements of one read connection, kept for the next query with the same SQL:
 * compiling a statement costs SQLite several times what an indexed query on warm pages does. A
 * statement comes back here only when Jdbi is done with it, after its result set was closed, which
 * resets it, so a kept statement holds no read snapshot. Used by one handle at a time, as its
 * connection is; at most {@link #MAX_STATEMENTS} are kept, the least recently used closed first.
 * Statements outlive the handle (the connection goes back to the pool with them) and are closed by
 * {@link #closeAll} when the connection is.
 */
final class StatementCache implements StatementBuilder {
    /**
     * The tick queries and three candle queries for each of about 18 intervals; intervals are open-ended
     * ({@code CandleInterval.ofSeconds}), so the SQL a connection sees is not, hence the bound.
     */
    static final int MAX_STATEMENTS = 64;

    private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return conn.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        PreparedStatement kept = idle.remove(sql);
        if (kept != null && !kept.isClosed()) {
            return kept;
        }
        return conn.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return conn.prepareCall(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    /** Keeps a prepared statement for its SQL unless one is kept already; closes anything else. */
    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
        if (sql == null || !(stmt instanceof PreparedStatement ps) || stmt instanceof CallableStatement
                || stmt.isClosed() || idle.containsKey(sql)) {
            stmt.close();
            return;
        }
        // Not clearParameters(): SQLite's clear_bindings marks a statement whose plan looked at a
        // parameter as expired, and the next step would compile it again. Every query binds all of
        // its parameters anyway.
        idle.put(sql, ps);
        if (idle.size() > MAX_STATEMENTS) {
            var eldest = idle.entrySet().iterator();
            PreparedStatement evicted = eldest.next().getValue();
            eldest.remove();
            evicted.close();
        }
    }

    /** How many statements are kept. */
    int size() {
        return idle.size();
    }

    /** Closes every kept statement, before the connection is closed; the first failure is thrown. */
    void closeAll() throws SQLException {
        List<PreparedStatement> all = new ArrayList<>(idle.values());
        idle.clear();
        SQLException failure = null;
        for (PreparedStatement ps : all) {
            try {
                ps.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
