package io.tickengine.store.timescale.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.store.StoredSymbols;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one batch of ticks and candles exactly once, in one transaction. Ticks are COPYed (binary)
 * straight into {@code kite_ticks_data}; if the natural key finds one already stored (a batch written
 * again after an error or a lost commit acknowledgement), that COPY is rolled back to a savepoint and
 * the batch goes through a session-local staging table and {@code INSERT ... SELECT ... ON CONFLICT DO
 * NOTHING} instead. The direct path costs the server about a third less CPU than always staging.
 * Candles always go through staging and an upsert that only replaces a lower revision. The same
 * transaction adds the batch's new {@code (exchange, tradingsymbol, instrument_token)} triples to
 * {@code tick_symbols} ({@link SymbolRows}, {@link StoredSymbols}), so that table is never behind the ticks.
 */
final class BatchWriter {
    private static final String TICK_STAGE = "CREATE TEMP TABLE IF NOT EXISTS tick_stage "
            + "(LIKE kite_ticks_data INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
    private static final String CANDLE_STAGE = "CREATE TEMP TABLE IF NOT EXISTS candle_stage (exchange TEXT NOT NULL, "
            + "instrument_token BIGINT NOT NULL, interval_s INTEGER NOT NULL, ts TIMESTAMPTZ NOT NULL, "
            + "price_scale SMALLINT NOT NULL, open BIGINT NOT NULL, high BIGINT NOT NULL, low BIGINT NOT NULL, "
            + "close BIGINT NOT NULL, volume BIGINT NOT NULL, ticks_count INTEGER NOT NULL, "
            + "revision INTEGER NOT NULL) ON COMMIT DELETE ROWS";
    private static final String COPY_TICKS = "COPY tick_stage (" + TickRows.COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final String COPY_TICKS_DIRECT = "COPY kite_ticks_data (" + TickRows.COLUMNS
            + ") FROM STDIN (FORMAT binary)";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERT_TICKS = "INSERT INTO kite_ticks_data (" + TickRows.COLUMNS + ") SELECT "
            + TickRows.COLUMNS + " FROM tick_stage ON CONFLICT (" + TickRows.KEY + ") DO NOTHING";
    private static final String COPY_CANDLES = "COPY candle_stage (" + CandleRows.STAGE_COLUMNS
            + ") FROM STDIN (FORMAT binary)";
    private static final String UPSERT_1S = upsert("candles_1s", "exchange, instrument_token, ts",
            "interval_s = 1");
    private static final String UPSERT_OTHER = upsert("candles", "exchange, instrument_token, interval_s, ts",
            "interval_s <> 1");

    private final DataSource dataSource;
    private final CopyBuffer buffer = new CopyBuffer();
    private final Set<PGConnection> staged = Collections.newSetFromMap(new WeakHashMap<>());
    private final StoredSymbols symbols = new StoredSymbols();

    BatchWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts of what one write stored. */
    static final class Result {
        final long ticksInserted;
        final long candlesUpserted;

        Result(long ticksInserted, long candlesUpserted) {
            this.ticksInserted = ticksInserted;
            this.candlesUpserted = candlesUpserted;
        }
    }

    /** Writes ticks and candles, in one transaction; on any exception nothing was stored. */
    Result write(List<Object> records) throws SQLException {
        List<Tick> ticks = new ArrayList<>(records.size());
        List<Candle> candles = new ArrayList<>();
        for (Object r : records) {
            if (r instanceof Tick) {
                ticks.add((Tick) r);
            } else {
                candles.add((Candle) r);
            }
        }
        List<StoredSymbols.Key> newSymbols = symbols.unseen(ticks);
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            if (!staged.contains(pg)) {
                // Created outside the write transaction, so a rolled-back write never takes them away.
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute(TICK_STAGE);
                    s.execute(CANDLE_STAGE);
                }
                staged.add(pg);
            }
            c.setAutoCommit(false);
            try {
                SymbolRows.insert(c, newSymbols);
                Result result = write(c, pg.getCopyAPI(), ticks, CandleRows.latestRevisions(candles));
                c.commit();
                symbols.committed(newSymbols);
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private Result write(Connection c, CopyManager copy, List<Tick> ticks, List<Candle> candles) throws SQLException {
        long inserted = 0;
        long upserted = 0;
        try (Statement s = c.createStatement()) {
            if (!ticks.isEmpty()) {
                inserted = copyTicksOptimistically(s, copy, ticks);
            }
            if (!candles.isEmpty()) {
                buffer.begin(copy.copyIn(COPY_CANDLES));
                try {
                    for (Candle candle : candles) {
                        CandleRows.encode(candle, buffer);
                    }
                    buffer.end();
                } catch (SQLException | RuntimeException e) {
                    buffer.cancel();
                    throw e;
                }
                upserted = s.executeUpdate(UPSERT_1S) + s.executeUpdate(UPSERT_OTHER);
            }
        }
        return new Result(inserted, upserted);
    }

    /**
     * COPY straight into the table, as fast as COPY gets; the natural key turns any tick already stored
     * (a retried batch) into a unique violation, and then the batch goes the staged way instead.
     */
    private long copyTicksOptimistically(Statement s, CopyManager copy, List<Tick> ticks) throws SQLException {
        s.execute("SAVEPOINT direct_copy");
        try {
            long n = copyTicks(copy, COPY_TICKS_DIRECT, ticks);
            s.execute("RELEASE SAVEPOINT direct_copy");
            return n;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            s.execute("ROLLBACK TO SAVEPOINT direct_copy");
            return copyTicksStaged(s, copy, ticks);
        }
    }

    /** COPY into the staging table, then insert what is not stored yet. */
    private long copyTicksStaged(Statement s, CopyManager copy, List<Tick> ticks) throws SQLException {
        copyTicks(copy, COPY_TICKS, ticks);
        return s.executeUpdate(INSERT_TICKS);
    }

    private long copyTicks(CopyManager copy, String sql, List<Tick> ticks) throws SQLException {
        buffer.begin(copy.copyIn(sql));
        try {
            for (Tick t : ticks) {
                TickRows.encode(t, buffer);
            }
            return buffer.end();
        } catch (SQLException | RuntimeException e) {
            buffer.cancel();
            throw e;
        }
    }

    private static String upsert(String table, String key, String filter) {
        String columns = key + ", " + CandleRows.VALUES;
        StringBuilder set = new StringBuilder();
        for (String v : CandleRows.VALUES.split(", ")) {
            set.append(set.length() == 0 ? "" : ", ").append(v).append(" = EXCLUDED.").append(v);
        }
        return "INSERT INTO " + table + " AS c (" + columns + ") SELECT " + columns + " FROM candle_stage WHERE "
                + filter + " ON CONFLICT (" + key + ") DO UPDATE SET " + set + " WHERE c.revision < EXCLUDED.revision";
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
