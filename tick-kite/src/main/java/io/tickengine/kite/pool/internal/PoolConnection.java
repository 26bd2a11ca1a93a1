package io.tickengine.kite.pool.internal;

import io.tickengine.kite.ws.KiteTickSource;
import java.util.HashSet;
import java.util.Set;

/** One connection of the pool: its source and the instruments assigned to it (guarded by the pool's lock). */
public final class PoolConnection {
    final PoolAccount account;
    final KiteTickSource source;
    final Set<Long> tokens = new HashSet<>();

    PoolConnection(PoolAccount account, KiteTickSource source) {
        this.account = account;
        this.source = source;
    }

    /** The connection's source. */
    public KiteTickSource source() {
        return source;
    }

    /** The id of its account. */
    public String accountId() {
        return account.account.id();
    }

    /** Instruments assigned to it. */
    public int size() {
        return tokens.size();
    }
}
