package io.tickengine.core.sink;

import io.tickengine.core.Tick;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest tick of every instrument, in memory: the snapshot sent to a client when it subscribes
 * and the answer to HTTP polling. A conflating sink; reads are safe from any thread.
 *
 * <p>Only ticks with a trade price count: an order-book-only tick ({@link io.tickengine.core.TickMode#DEPTH})
 * is ignored and counted in {@link #depthTicksIgnored()}, so it never hides the last traded price.
 * Clients get such ticks live; the stores keep them.
 */
public final class LatestTicks implements TickSink {
    private final Map<Long, Tick> latest = new ConcurrentHashMap<>();
    private final LongAdder depthTicksIgnored = new LongAdder();

    @Override
    public String name() {
        return "latest";
    }

    @Override
    public OverflowPolicy overflowPolicy() {
        return OverflowPolicy.CONFLATE;
    }

    @Override
    public void onBatch(List<Tick> batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            Tick t = batch.get(i);
            if (!t.mode().hasTradePrice()) {
                depthTicksIgnored.increment();
                continue;
            }
            // A batch seen again after a retry must not move an instrument back in time.
            latest.merge(t.instrumentToken(), t, (old, now) -> now.ingestSequence() >= old.ingestSequence() ? now : old);
        }
    }

    /** {@code depthTicksIgnored}: order-book-only ticks that did not replace a latest tick. */
    @Override
    public Map<String, Long> metrics() {
        return Map.of("depthTicksIgnored", depthTicksIgnored());
    }

    /** Order-book-only ticks ({@link io.tickengine.core.TickMode#DEPTH}) ignored so far. */
    public long depthTicksIgnored() {
        return depthTicksIgnored.sum();
    }

    /** The latest tick of an instrument, or null when none arrived yet. */
    public Tick get(long instrumentToken) {
        return latest.get(instrumentToken);
    }

    /** The latest ticks of the given instruments that have one, in the given order. */
    public List<Tick> get(Collection<Long> instrumentTokens) {
        List<Tick> out = new ArrayList<>(instrumentTokens.size());
        for (Long token : instrumentTokens) {
            Tick t = latest.get(token);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** The latest tick of every instrument seen. */
    public List<Tick> all() {
        return new ArrayList<>(latest.values());
    }

    /** Number of instruments with a tick. */
    public int size() {
        return latest.size();
    }
}
