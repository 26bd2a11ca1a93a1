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
 * @param queueDepth items waiting, including a batch held for retry (the backlog)
 * @param lagMillis age of the newest delivered item when it was delivered, milliseconds
 * @param batches batches the sink took (calls of its batch method that returned)
 * @param batchNanos time spent in those calls, nanoseconds (a database sink's write time, for example)
 * @param circuit the circuit breaker state
 * @param metrics the sink's own counters ({@code TickSink.metrics()})
 */
public record SinkStats(String name, OverflowPolicy policy, long delivered, long dropped, long conflated,
                        long errors, long queueDepth, long lagMillis, long batches, long batchNanos, CircuitState circuit,
                        Map<String, Long> metrics) {
    public SinkStats {
        metrics = Map.copyOf(metrics);
    }

    /** Whether the sink is failing or losing data it should not. */
    public boolean degraded() {
        return circuit != CircuitState.CLOSED || (policy == OverflowPolicy.NEVER_DROP && dropped > 0);
    }
}
