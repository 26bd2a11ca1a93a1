package io.tickengine.kite.pool.internal;

import io.tickengine.core.TickMode;
import io.tickengine.kite.pool.KiteAccount;
import io.tickengine.kite.pool.KitePoolOptions;
import io.tickengine.kite.ws.KiteTickSource;
import io.tickengine.kite.ws.TooManyInstrumentsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which connection of which account carries which instrument. New instruments fill open connections
 * first; when those are full a connection opens on the live account with the most unopened slots;
 * connections left empty close; instruments of a refused account move to live accounts with room, or
 * wait unassigned until room frees up. Not thread-safe: the pool calls it under its lock.
 */
public final class Assignments {
    private static final long MAX_TOKEN = 0xFFFF_FFFFL;

    /** Opens (and, once the pool runs, starts) a connection's source. */
    @FunctionalInterface
    public interface Opener {
        KiteTickSource open(KiteAccount account, int index);
    }

    private final KitePoolOptions options;
    private final Opener opener;
    private final List<PoolAccount> accounts = new ArrayList<>();
    private final Map<Long, TickMode> desired = new LinkedHashMap<>();
    private final Map<Long, PoolConnection> byToken = new HashMap<>();
    private final Set<Long> unassigned = new LinkedHashSet<>();

    /** No instruments yet; connections open through {@code opener}. */
    public Assignments(KitePoolOptions options, Opener opener) {
        this.options = options;
        this.opener = opener;
        for (KiteAccount a : options.accounts()) {
            accounts.add(new PoolAccount(a));
        }
    }

    /** Instruments the live accounts can carry together. */
    public int capacity() {
        int live = (int) accounts.stream().filter(a -> !a.failed).count();
        return live * options.connectionsPerAccount() * options.instrumentsPerConnection();
    }

    /**
     * Subscribes instruments in a mode (switching those already subscribed); all or nothing.
     *
     * @throws TooManyInstrumentsException when the new instruments do not fit the live accounts
     * @throws IllegalArgumentException when a token is not a positive uint32
     */
    public void subscribe(Collection<Long> tokens, TickMode mode) {
        Objects.requireNonNull(mode, "mode");
        List<Long> fresh = new ArrayList<>();
        Map<PoolConnection, List<Long>> switched = new LinkedHashMap<>();
        for (Long t : new LinkedHashSet<>(check(tokens))) {
            if (!desired.containsKey(t)) {
                fresh.add(t);
            } else if (byToken.containsKey(t)) {
                switched.computeIfAbsent(byToken.get(t), c -> new ArrayList<>()).add(t);
            }
        }
        int free = capacity() - byToken.size();
        if (fresh.size() > free) {
            throw new TooManyInstrumentsException("subscribing " + fresh.size() + " new instruments exceeds the pool's "
                    + "room for " + free + " more: " + capacity() + " instruments on " + liveAccounts() + " live accounts ("
                    + options.connectionsPerAccount() + " connections of " + options.instrumentsPerConnection()
                    + " each), " + byToken.size() + " carried now" + (unassigned.isEmpty() ? "" : ", " + unassigned.size()
                    + " waiting unassigned") + "; add accounts or unsubscribe some");
        }
        for (Long t : tokens) {
            desired.put(t, mode);
        }
        switched.forEach((c, ts) -> c.source.subscribe(ts, mode));
        place(fresh);
    }

    /**
     * Unsubscribes instruments; connections left empty are returned for the caller to close, and freed
     * room goes to instruments waiting unassigned.
     */
    public List<PoolConnection> unsubscribe(Collection<Long> tokens) {
        Map<PoolConnection, List<Long>> removed = new LinkedHashMap<>();
        for (Long t : check(tokens)) {
            desired.remove(t);
            unassigned.remove(t);
            PoolConnection c = byToken.remove(t);
            if (c != null) {
                c.tokens.remove(t);
                removed.computeIfAbsent(c, k -> new ArrayList<>()).add(t);
            }
        }
        // Unsubscribe first so that a connection never holds more than its limit, then let waiting
        // instruments take the room (an emptied connection is reused before it would close).
        removed.forEach((c, ts) -> c.source.unsubscribe(ts));
        place(new ArrayList<>(unassigned));
        List<PoolConnection> empty = new ArrayList<>();
        for (PoolConnection c : removed.keySet()) {
            if (c.tokens.isEmpty()) {
                c.account.connections.remove(c);
                empty.add(c);
            }
        }
        return empty;
    }

    /**
     * Marks an account refused and moves its instruments to live accounts with room (the rest wait
     * unassigned); returns its connections for the caller to close. Does nothing when already marked.
     */
    public List<PoolConnection> accountFailed(PoolAccount account) {
        if (account.failed) {
            return List.of();
        }
        account.failed = true;
        List<PoolConnection> dropped = new ArrayList<>(account.connections);
        account.connections.clear();
        List<Long> moving = new ArrayList<>();
        for (PoolConnection c : dropped) {
            for (Long t : c.tokens) {
                byToken.remove(t);
                moving.add(t);
            }
        }
        place(moving);
        return dropped;
    }

    /** The live account one of whose open connections is {@code source}, or null. */
    public PoolAccount accountOf(KiteTickSource source) {
        for (PoolAccount a : accounts) {
            for (PoolConnection c : a.connections) {
                if (c.source == source) {
                    return a;
                }
            }
        }
        return null;
    }

    /** The accounts, in order. */
    public List<PoolAccount> accounts() {
        return accounts;
    }

    /** Token to mode of every subscription, placed or not. */
    public Map<Long, TickMode> desired() {
        return Map.copyOf(desired);
    }

    /** Instruments that no live account has room for. */
    public Set<Long> unassigned() {
        return Set.copyOf(unassigned);
    }

    /** Every open connection, account by account. */
    public List<PoolConnection> connections() {
        List<PoolConnection> all = new ArrayList<>();
        for (PoolAccount a : accounts) {
            all.addAll(a.connections);
        }
        return all;
    }

    /** Instruments on connections. */
    public int assigned() {
        return byToken.size();
    }

    private long liveAccounts() {
        return accounts.stream().filter(a -> !a.failed).count();
    }

    /** Puts tokens (already desired) on connections in order, grouped into one subscribe per connection and mode. */
    private void place(List<Long> tokens) {
        Map<PoolConnection, Map<TickMode, List<Long>>> adds = new LinkedHashMap<>();
        for (Long t : tokens) {
            PoolConnection c = roomy();
            if (c == null) {
                unassigned.add(t);
                continue;
            }
            unassigned.remove(t);
            c.tokens.add(t);
            byToken.put(t, c);
            TickMode mode = desired.get(t);
            adds.computeIfAbsent(c, k -> new LinkedHashMap<>()).computeIfAbsent(mode, k -> new ArrayList<>()).add(t);
        }
        adds.forEach((c, byMode) -> byMode.forEach((mode, ts) -> c.source.subscribe(ts, mode)));
    }

    /** An open connection with room, else a new one on the live account with most unopened slots, else null. */
    private PoolConnection roomy() {
        for (PoolAccount a : accounts) {
            if (!a.failed) {
                for (PoolConnection c : a.connections) {
                    if (c.tokens.size() < options.instrumentsPerConnection()) {
                        return c;
                    }
                }
            }
        }
        PoolAccount best = null;
        for (PoolAccount a : accounts) {
            int slots = options.connectionsPerAccount() - a.connections.size();
            if (!a.failed && slots > 0 && (best == null || slots > options.connectionsPerAccount() - best.connections.size())) {
                best = a;
            }
        }
        if (best == null) {
            return null;
        }
        best.opened++;
        PoolConnection c = new PoolConnection(best, opener.open(best.account, best.opened));
        best.connections.add(c);
        return c;
    }

    private static Collection<Long> check(Collection<Long> tokens) {
        Objects.requireNonNull(tokens, "instrumentTokens");
        for (Long t : tokens) {
            if (t == null || t <= 0 || t > MAX_TOKEN) {
                throw new IllegalArgumentException("instrument token must be 1.." + MAX_TOKEN + ", was " + t);
            }
        }
        return tokens;
    }
}
