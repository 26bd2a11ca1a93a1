package io.tickengine.cache.redis;

/**
 * A snapshot of a {@link RedisTickSink}'s own counters; the engine's {@code SinkStats} add what it
 * dropped while the circuit was open.
 *
 * @param batches batches written successfully
 * @param ticksWritten ticks written (history, latest value and publish buffer)
 * @param duplicatesSkipped ticks of a batch delivered again after it had been written, skipped
 * @param staleIdsRefused history entries Redis refused because the stream already had a later ID (retries, or a restart with an older clock)
 * @param ticksPublished ticks sent on pub/sub channels
 * @param publishDropped ticks given up because the attempt that published them failed (pub/sub is at
 *     most once: a retried batch is not published again, so some of these may have reached subscribers)
 * @param failures failed write attempts (batches and publishes)
 * @param failing whether the last attempt failed
 * @param lastFailure the message of the last failure, or empty
 */
public record TickCacheStats(long batches, long ticksWritten, long duplicatesSkipped, long staleIdsRefused,
                             long ticksPublished, long publishDropped, long failures, boolean failing,
                             String lastFailure) {
    /** Whether the cache is currently not keeping up with the ticks it is given. */
    public boolean degraded() {
        return failing;
    }
}
