package io.tickengine.store.timescale.internal;

import io.tickengine.core.store.StoredSymbols;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts into {@code tick_symbols}, the {@code (exchange, tradingsymbol) -> instrument_token} table that
 * queries by symbol go through, the triples a write's {@link StoredSymbols} has not committed yet, in
 * the write's own transaction, so the table is never behind the ticks.
 */
final class SymbolRows {
    /** Rows in key order, so two writers adding overlapping triples take their locks in the same order. */
    static final String INSERT = "INSERT INTO tick_symbols (exchange, tradingsymbol, instrument_token) "
            + "SELECT e, s, t FROM unnest(?::text[], ?::text[], ?::bigint[]) AS u (e, s, t) ORDER BY e, s, t "
            + "ON CONFLICT DO NOTHING";

    private SymbolRows() {
    }

    /** Inserts the triples on {@code c}, in its transaction; an empty list costs nothing. */
    static void insert(Connection c, List<StoredSymbols.Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String[] exchanges = new String[keys.size()];
        String[] symbols = new String[keys.size()];
        Long[] tokens = new Long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            StoredSymbols.Key k = keys.get(i);
            exchanges[i] = k.exchange();
            symbols[i] = k.symbol();
            tokens[i] = k.token();
        }
        Array e = c.createArrayOf("text", exchanges);
        Array s = c.createArrayOf("text", symbols);
        Array t = c.createArrayOf("bigint", tokens);
        try (PreparedStatement p = c.prepareStatement(INSERT)) {
            p.setArray(1, e);
            p.setArray(2, s);
            p.setArray(3, t);
            p.executeUpdate();
        } finally {
            e.free();
            s.free();
            t.free();
        }
    }
}
