package io.tickengine.core.engine;

import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the engine's counters.
 *
 * @param received ticks the sources handed in
 * @param accepted ticks passed on to the sinks
 * @param refusedAfterStop ticks a source handed in after the engine stopped, which no sink would deliver
 * @param lastSequence the last ingest sequence assigned (one less than the first before any tick)
 * @param issues ticks seen with each issue (accepted or not)
 * @param rejected ticks kept from the sinks, by issue
 * @param tickSinks per tick sink
 * @param candleSinks per candle sink
 * @param sources the latest status of every source
 */
public record EngineStats(long received, long accepted, long refusedAfterStop, long lastSequence, Map<TickIssue, Long> issues,
                          Map<TickIssue, Long> rejected, List<SinkStats> tickSinks, List<SinkStats> candleSinks,
                          List<SourceStatus> sources) {
    public EngineStats {
        issues = Map.copyOf(issues);
        rejected = Map.copyOf(rejected);
        tickSinks = List.copyOf(tickSinks);
        candleSinks = List.copyOf(candleSinks);
        sources = List.copyOf(sources);
    }

    /** Whether any sink is failing or losing data it should not, or any source has given up (auth failure or retries exhausted). */
    public boolean degraded() {
        return tickSinks.stream().anyMatch(SinkStats::degraded) || candleSinks.stream().anyMatch(SinkStats::degraded)
                || sources.stream().anyMatch(s -> s.state() == SourceState.AUTH_FAILED || s.state() == SourceState.FAILED);
    }
}
