package io.tickengine.kite.pool.internal;

import io.tickengine.kite.pool.KiteAccount;
import java.util.ArrayList;
import java.util.List;

/** One account of the pool: its open connections and whether Kite refused it (guarded by the pool's lock). */
public final class PoolAccount {
    final KiteAccount account;
    final List<PoolConnection> connections = new ArrayList<>();
    boolean failed;
    int opened;

    PoolAccount(KiteAccount account) {
        this.account = account;
    }

    /** The account. */
    public KiteAccount account() {
        return account;
    }

    /** Whether Kite refused its credentials; its instruments went elsewhere. */
    public boolean failed() {
        return failed;
    }
}
