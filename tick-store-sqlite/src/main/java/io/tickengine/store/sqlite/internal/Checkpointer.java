package io.tickengine.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a passive WAL checkpoint at most once per interval, from whichever writer's timer comes
 * first. With {@code synchronous=NORMAL} the WAL is synced only when a checkpoint starts, so this
 * interval bounds what a power loss can take back, while commits themselves stay free of fsync.
 * Thread-safe.
 */
final class Checkpointer {
    /**
     * WAL pages before a commit checkpoints on its own (about 256 MiB), so that the timer comes first:
     * live-order candle commits append about one page per instrument, and a limit of 8,192 pages made
     * every 16th commit run a checkpoint with two fsyncs (measured in SqliteStoreBenchmark).
     */
    static final int AUTOCHECKPOINT_PAGES = 65_536;

    private final long intervalMillis;
    private final AtomicLong due;

    Checkpointer(long intervalMillis, long nowMillis) {
        this.intervalMillis = intervalMillis;
        this.due = new AtomicLong(nowMillis + intervalMillis);
    }

    /** Checkpoints on {@code c} if the interval has passed and no other writer claimed it. */
    void maybeCheckpoint(Connection c, long nowMillis) throws SQLException {
        long at = due.get();
        if (nowMillis < at || !due.compareAndSet(at, nowMillis + intervalMillis)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }
}
