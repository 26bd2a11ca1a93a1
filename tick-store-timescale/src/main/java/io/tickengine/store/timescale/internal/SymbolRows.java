package io.tickengine.store.timescale.internal;

import io.tickengine.core.Tick;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps {@code tick_symbols}, the {@code (exchange, tradingsymbol) -> instrument_token} table that queries
 * by symbol go through, in step with the ticks: each write adds, in its own transaction, the triples this
 * process has not stored yet. Remembers only what was committed. Used by the single writer thread.
 */
final class SymbolRows {
    /** Rows in key order, so two writers adding overlapping triples take their locks in the same order. */
    static final String INSERT = "INSERT INTO tick_symbols (exchange, tradingsymbol, instrument_token) "
            + "SELECT e, s, t FROM unnest(?::text[], ?::text[], ?::bigint[]) AS u (e, s, t) ORDER BY e, s, t "
            + "ON CONFLICT DO NOTHING";
    /** Past this many remembered triples the memory starts over (they are only inserted again). */
    static final int MAX_KNOWN = 1 << 20;

    private final Set<Key> known = new HashSet<>();

    /** Triples in {@code ticks} not yet committed by this process, in first-seen order. */
    List<Key> unseen(List<Tick> ticks) {
        Set<Key> out = null;
        for (Tick t : ticks) {
            if (t.exchange() == null || t.tradingSymbol() == null) {
                continue;
            }
            Key k = new Key(t.exchange().name(), t.tradingSymbol(), t.instrumentToken());
            if (!known.contains(k)) {
                if (out == null) {
                    out = new LinkedHashSet<>();
                }
                out.add(k);
            }
        }
        return out == null ? List.of() : new ArrayList<>(out);
    }

    /** Inserts the triples on {@code c}, in its transaction; an empty list costs nothing. */
    static void insert(Connection c, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String[] exchanges = new String[keys.size()];
        String[] symbols = new String[keys.size()];
        Long[] tokens = new Long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            exchanges[i] = k.exchange;
            symbols[i] = k.symbol;
            tokens[i] = k.token;
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

    /** Remembers triples whose transaction committed. */
    void committed(Collection<Key> keys) {
        if (known.size() + keys.size() > MAX_KNOWN) {
            known.clear();
        }
        known.addAll(keys);
    }

    /** One row of {@code tick_symbols}. */
    record Key(String exchange, String symbol, long token) {
    }
}
