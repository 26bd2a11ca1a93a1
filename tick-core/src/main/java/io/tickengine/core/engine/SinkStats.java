package io.tickengine.core.engine;

import io.tickengine.core.sink.OverflowPolicy;
import java.util.Map;

/**
 * A snapshot of one sink's counters.
 *
 * @param name the sink's name
 * @param policy its overflow policy
 * @param delivered items handed to the sink successfully
 * @param dropped items discarded: buffer overflow, or circuit open (never for NEVER_DROP unless it overflowed its bound)
 * @param conflated items replaced by a newer one of the same key (CONFLATE only)
 * @param errors exceptions thrown by the sink
 * @param queueDepth items not yet delivered: waiting, or in the batch the worker holds (in the sink's call, or
 *     held for a retry); the backlog
 * @param capacity the most items its buffer holds ({@code SinkOptions.capacity()}); a conflating sink keeps at
 *     most one per key beyond it instead of dropping
 * @param lagMillis how far behind the sink is, milliseconds: while the worker holds a batch, the age of its
 *     first item, so a stuck sink's lag keeps growing; otherwise the age of the newest delivered item when
 *     it was delivered
 * @param batches batches the sink took (calls of its batch method that returned)
 * @param batchNanos time spent in those calls, nanoseconds (a database sink's write time, for example)
 * @param circuit the circuit breaker state
 * @param metrics the sink's own counters ({@code TickSink.metrics()})
 */
public record SinkStats(String name, OverflowPolicy policy, long delivered, long dropped, long conflated,
                        long errors, long queueDepth, long capacity, long lagMillis, long batches, long batchNanos,
                        CircuitState circuit, Map<String, Long> metrics) {
    public SinkStats {
        metrics = Map.copyOf(metrics);
    }

    /**
     * Whether the backlog has reached the buffer's capacity, so that the sink drops what comes next
     * (DROP_OLDEST, NEVER_DROP) or will once the batch it holds is counted out; never for a conflating sink,
     * which replaces instead.
     */
    public boolean full() {
        return policy != OverflowPolicy.CONFLATE && queueDepth >= capacity;
    }

    /** Whether the sink is failing or losing data it should not. */
    public boolean degraded() {
        return circuit != CircuitState.CLOSED || (policy == OverflowPolicy.NEVER_DROP && dropped > 0);
    }
}
