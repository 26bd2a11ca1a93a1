package io.tickengine.core.sink;

import io.tickengine.core.Tick;
import java.util.List;
import java.util.Map;

/**
 * A consumer of ticks. The engine calls it from one dedicated thread only, with ticks in arrival
 * order per instrument, in batches; a batch is everything that was waiting, up to the sink's batch
 * size, so a sink can group its I/O per batch. An exception from any method is counted and the batch
 * retried with backoff (see {@link io.tickengine.core.engine.SinkOptions}); a sink must therefore tolerate
 * seeing a batch again after it threw.
 */
public interface TickSink extends AutoCloseable {
    /** A short name for logs, metrics and the sink's thread. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** What the engine does when this sink's buffer is full. */
    default OverflowPolicy overflowPolicy() {
        return OverflowPolicy.DROP_OLDEST;
    }

    /**
     * Handles a batch of ticks. The list is reused after the call returns: copy what you keep.
     *
     * @throws Exception to ask for a retry; the engine never lets it escape
     */
    void onBatch(List<Tick> batch) throws Exception;

    /**
     * Called on the sink's thread when no tick arrived for a while and at least every timer
     * interval, so a sink can flush on time or close time-based windows without a thread of its own.
     */
    default void onTimer(long nowMillis) throws Exception {
    }

    /**
     * Whether {@link #onTimer} gets the time up to which this sink has seen its input instead of the
     * clock: the clock while nothing waits in its buffer, else the receive time of the newest tick
     * delivered to it (never later than the clock, and never skipping back). A sink that closes time
     * windows on its timer says true, so that a backlog in its own buffer never closes a window ahead
     * of ticks that are still waiting for it. False by default.
     */
    default boolean timerFollowsInput() {
        return false;
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
