package io.tickengine.store.sqlite.internal;

import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.OverflowPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The store's candle sink: never drops, upserts candles per interval table keeping the highest revision. */
public final class CandleWriter extends BatchWriter<Candle> implements CandleSink {
    private final CandleTables tables;
    private final Map<CandleInterval, PreparedStatement> upserts = new HashMap<>();
    private final List<CandleInterval> createdInTransaction = new ArrayList<>();

    CandleWriter(Connection connection, CandleTables tables, WriterSettings settings) {
        super("sqlite-candles", connection, settings);
        this.tables = tables;
    }

    @Override
    public String name() {
        return "sqlite-candles";
    }

    @Override
    public OverflowPolicy overflowPolicy() {
        return OverflowPolicy.NEVER_DROP;
    }

    @Override
    public void onCandles(List<Candle> batch) throws SQLException {
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
    protected void write(Connection c, List<Candle> rows) throws SQLException {
        createdInTransaction.clear();
        List<PreparedStatement> used = new ArrayList<>(2);
        try {
            PreparedStatement ps = null;
            CandleInterval interval = null;
            for (Candle k : rows) {
                if (!k.interval().equals(interval)) {
                    interval = k.interval();
                    ps = upsertFor(c, interval);
                    if (!used.contains(ps)) {
                        used.add(ps);
                    }
                }
                bind(ps, k);
                ps.addBatch();
            }
            for (PreparedStatement u : used) {
                u.executeBatch();
            }
        } catch (SQLException | RuntimeException e) {
            for (PreparedStatement u : used) {
                u.clearBatch();
            }
            // The transaction rolls back: a table it created is gone, so forget statements over it.
            for (CandleInterval created : createdInTransaction) {
                upserts.remove(created).close();
            }
            createdInTransaction.clear();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Candle k) throws SQLException {
        ps.setString(1, k.exchange() == null ? "" : k.exchange().name());
        ps.setLong(2, k.instrumentToken());
        ps.setLong(3, k.bucketStart());
        ps.setInt(4, k.priceScale());
        ps.setLong(5, k.open());
        ps.setLong(6, k.high());
        ps.setLong(7, k.low());
        ps.setLong(8, k.close());
        ps.setLong(9, k.volume());
        ps.setInt(10, k.tickCount());
        ps.setInt(11, k.revision());
    }

    @Override
    protected void committed() {
        createdInTransaction.forEach(tables::created);
        createdInTransaction.clear();
    }

    @Override
    protected void closeStatements() throws SQLException {
        for (PreparedStatement ps : upserts.values()) {
            ps.close();
        }
        upserts.clear();
    }

    private PreparedStatement upsertFor(Connection c, CandleInterval interval) throws SQLException {
        PreparedStatement ps = upserts.get(interval);
        if (ps == null) {
            tables.ensure(c, interval);
            createdInTransaction.add(interval);
            ps = c.prepareStatement(CandleTables.upsert(CandleTables.table(interval)));
            upserts.put(interval, ps);
        }
        return ps;
    }
}
