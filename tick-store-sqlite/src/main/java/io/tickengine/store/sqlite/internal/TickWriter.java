package io.tickengine.store.sqlite.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The store's tick sink: never drops, batches ticks into {@code INSERT OR IGNORE} transactions. */
public final class TickWriter extends BatchWriter<Tick> implements TickSink {
    private PreparedStatement insert;

    TickWriter(Connection connection, WriterSettings settings) {
        super("sqlite-ticks", connection, settings);
    }

    @Override
    public String name() {
        return "sqlite-ticks";
    }

    @Override
    public OverflowPolicy overflowPolicy() {
        return OverflowPolicy.NEVER_DROP;
    }

    @Override
    public void onBatch(List<Tick> batch) throws SQLException {
        accept(batch);
    }

    @Override
    public void onTimer(long nowMillis) throws SQLException {
        timer(nowMillis);
    }

    @Override
    public void flush() throws SQLException {
        super.flush();
    }

    @Override
    protected void write(Connection c, List<Tick> rows) throws SQLException {
        if (insert == null) {
            insert = c.prepareStatement(TickRows.INSERT);
        }
        try {
            for (Tick t : rows) {
                TickRows.bind(insert, t);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException | RuntimeException e) {
            insert.clearBatch();
            throw e;
        }
    }

    @Override
    protected void closeStatements() throws SQLException {
        if (insert != null) {
            insert.close();
        }
    }
}
