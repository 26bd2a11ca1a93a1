package io.tickengine.core.sink;

import io.tickengine.core.candle.Candle;
import java.util.List;
import java.util.Map;

/**
 * A consumer of candles from the aggregator, with the same threading and failure contract as
 * {@link TickSink}: one dedicated thread, batches, retries after an exception. A candle may arrive
 * again with a higher {@link Candle#revision()} when a late tick changed it; sinks upsert by
 * instrument, interval and bucket start.
 */
public interface CandleSink extends AutoCloseable {
    /** A short name for logs, metrics and the sink's thread. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** What the engine does when this sink's buffer is full. */
    default OverflowPolicy overflowPolicy() {
        return OverflowPolicy.NEVER_DROP;
    }

    /** Handles a batch of candles; the list is reused after the call returns. */
    void onCandles(List<Candle> batch) throws Exception;

    /** Called on the sink's thread when idle and at least every timer interval. */
    default void onTimer(long nowMillis) throws Exception {
    }

    /**
     * Counters of the sink's own (backlog, spilled items, late ticks, ...), reported with the engine's
     * stats. Called from any thread, so it must be thread-safe and cheap.
     */
    default Map<String, Long> metrics() {
        return Map.of();
    }

    /** Writes out anything buffered; called on stop, before {@link #close()}. */
    default void flush() throws Exception {
    }

    /** Releases resources; called once, on the sink's thread, after the final flush. */
    @Override
    default void close() throws Exception {
    }
}
