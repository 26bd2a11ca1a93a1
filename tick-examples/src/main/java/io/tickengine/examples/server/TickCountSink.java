package io.tickengine.examples.server;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sink an embedding service adds beside the server's own: it counts ticks per trading symbol, the kind
 * of side channel (audit, analytics, a private store) a service keeps. Counts are readable from any thread.
 */
public final class TickCountSink implements TickSink {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "tick-counts";
    }

    @Override
    public OverflowPolicy overflowPolicy() {
        return OverflowPolicy.DROP_OLDEST;
    }

    @Override
    public void onBatch(List<Tick> batch) {
        for (Tick t : batch) {
            counts.computeIfAbsent(t.displayName(), k -> new LongAdder()).increment();
        }
    }

    /** Ticks seen for a symbol as {@code Tick#displayName()} names it, such as {@code NSE:INFY}. */
    public long count(String symbol) {
        LongAdder a = counts.get(symbol);
        return a == null ? 0 : a.sum();
    }

    /** Ticks seen in total. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public Map<String, Long> metrics() {
        return Map.of("ticks_counted", total());
    }
}
