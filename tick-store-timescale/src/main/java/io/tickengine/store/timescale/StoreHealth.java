package io.tickengine.store.timescale;

/**
 * The store's writer at a glance, for health checks and metrics.
 *
 * @param status UP while writes succeed with no backlog on disk, DEGRADED while the database is down or
 *               spilled records wait, CLOSED after close
 * @param memoryBacklog ticks and candles in memory, not yet written (what a crash would lose)
 * @param spillBacklog records waiting in the spill files
 * @param spillBytes bytes the spill files take
 * @param written records written to the database since start
 * @param lastError the last write failure, or null
 */
public record StoreHealth(Status status, long memoryBacklog, long spillBacklog, long spillBytes, long written,
                          String lastError) {
    /** The writer's state. */
    public enum Status {
        UP,
        DEGRADED,
        CLOSED
    }

    /** Records accepted but not yet in the database. */
    public long backlog() {
        return memoryBacklog + spillBacklog;
    }
}
