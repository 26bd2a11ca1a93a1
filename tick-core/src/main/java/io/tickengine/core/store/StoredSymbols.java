package io.tickengine.core.store;

import io.tickengine.core.Tick;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code (exchange, tradingsymbol, instrument_token)} triples a store's writer has committed to its
 * symbol table, so each batch inserts only the triples it has not stored yet. A writer asks for the
 * batch's {@link #unseen} triples, inserts them in the batch's own transaction and calls
 * {@link #committed} only once that transaction committed; a rolled-back batch offers them again.
 * Not thread-safe: one writer thread owns an instance.
 */
public final class StoredSymbols {
    /** Past this many remembered triples the memory starts over (they are only inserted again). */
    public static final int MAX_KNOWN = 1 << 20;

    private final int maxKnown;
    private final Set<Key> known = new HashSet<>();

    /** Remembers up to {@link #MAX_KNOWN} triples. */
    public StoredSymbols() {
        this(MAX_KNOWN);
    }

    /** Remembers up to {@code maxKnown} triples before starting over. */
    public StoredSymbols(int maxKnown) {
        if (maxKnown < 1) {
            throw new IllegalArgumentException("maxKnown must be positive, was " + maxKnown);
        }
        this.maxKnown = maxKnown;
    }

    /**
     * Triples in {@code ticks} not yet committed, each once, in first-seen order; ticks without an
     * exchange or a symbol have none.
     */
    public List<Key> unseen(List<? extends Tick> ticks) {
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

    /** Remembers triples whose transaction committed. */
    public void committed(Collection<Key> keys) {
        if (known.size() + keys.size() > maxKnown) {
            known.clear();
        }
        known.addAll(keys);
    }

    /** Triples remembered now. */
    public int size() {
        return known.size();
    }

    /**
     * One row of a symbol table.
     *
     * @param exchange the exchange's name, as stored
     * @param symbol the trading symbol
     * @param token the instrument token that carried the symbol
     */
    public record Key(String exchange, String symbol, long token) {
        public Key {
            Objects.requireNonNull(exchange, "exchange");
            Objects.requireNonNull(symbol, "symbol");
        }
    }
}
