package io.tickengine.store.sqlite.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.store.StoredSymbols;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The store's tick sink: never drops, batches ticks into {@code INSERT OR IGNORE} transactions. Each
 * transaction also adds the batch's symbols not yet committed to {@code tick_symbols} (see
 * {@link Schema}), so that table is never behind the ticks.
 */
public final class TickWriter extends BatchWriter<Tick> implements TickSink {
    private static final String INSERT_SYMBOL =
            "INSERT OR IGNORE INTO tick_symbols (exchange, tradingsymbol, instrument_token) VALUES (?, ?, ?)";

    private final StoredSymbols symbols = new StoredSymbols();
    private List<StoredSymbols.Key> uncommittedSymbols = List.of();
    private PreparedStatement insert;
    private PreparedStatement insertSymbol;

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
        uncommittedSymbols = symbols.unseen(rows);
        if (!uncommittedSymbols.isEmpty()) {
            insertSymbols(c, uncommittedSymbols);
        }
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

    private void insertSymbols(Connection c, List<StoredSymbols.Key> keys) throws SQLException {
        if (insertSymbol == null) {
            insertSymbol = c.prepareStatement(INSERT_SYMBOL);
        }
        try {
            for (StoredSymbols.Key k : keys) {
                insertSymbol.setString(1, k.exchange());
                insertSymbol.setString(2, k.symbol());
                insertSymbol.setLong(3, k.token());
                insertSymbol.addBatch();
            }
            insertSymbol.executeBatch();
        } catch (SQLException | RuntimeException e) {
            insertSymbol.clearBatch();
            throw e;
        }
    }

    /** Only a committed transaction's symbols are remembered; a rolled-back one offers them again. */
    @Override
    protected void committed() {
        symbols.committed(uncommittedSymbols);
        uncommittedSymbols = List.of();
    }

    @Override
    protected void closeStatements() throws SQLException {
        try {
            if (insert != null) {
                insert.close();
            }
        } finally {
            if (insertSymbol != null) {
                insertSymbol.close();
            }
        }
    }
}
