package io.tickengine.examples.alerts;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.TickSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link TickSink} that fires price alerts: each alert fires when an instrument's last price crosses
 * its threshold in the alert's direction (the first tick of an instrument only sets the starting side),
 * and fires again after the price has gone back and crossed anew. Every tick matters here, so it keeps
 * the engine's default overflow policy rather than conflating.
 */
public final class PriceAlertSink implements TickSink {
    /** What the listener receives when an alert fires. */
    public record Triggered(PriceAlert alert, Tick tick) {
    }

    private final Map<Long, List<PriceAlert>> alerts = new HashMap<>();
    private final Map<Long, Tick> previous = new HashMap<>();
    private final Consumer<Triggered> listener;
    private final AtomicLong fired = new AtomicLong();

    /**
     * @param alerts the levels to watch
     * @param listener called on the sink's thread for every crossing; it should return quickly
     */
    public PriceAlertSink(List<PriceAlert> alerts, Consumer<Triggered> listener) {
        Objects.requireNonNull(alerts, "alerts").forEach(a ->
                this.alerts.computeIfAbsent(a.instrumentToken(), k -> new ArrayList<>()).add(a));
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String name() {
        return "price-alerts";
    }

    @Override
    public void onBatch(List<Tick> batch) {
        for (Tick t : batch) {
            List<PriceAlert> watched = alerts.get(t.instrumentToken());
            if (watched == null) {
                continue;
            }
            Tick before = previous.put(t.instrumentToken(), t);
            if (before == null) {
                continue;
            }
            for (PriceAlert a : watched) {
                if (crossed(a, before, t)) {
                    fired.incrementAndGet();
                    listener.accept(new Triggered(a, t));
                }
            }
        }
    }

    /** Alerts fired so far; thread-safe. */
    public long fired() {
        return fired.get();
    }

    @Override
    public Map<String, Long> metrics() {
        return Map.of("alerts_fired", fired.get());
    }

    static boolean crossed(PriceAlert a, Tick before, Tick now) {
        int was = a.compareTo(before.lastPrice(), before.priceScale());
        int is = a.compareTo(now.lastPrice(), now.priceScale());
        return a.direction() == PriceAlert.Direction.ABOVE ? was < 0 && is >= 0 : was > 0 && is <= 0;
    }
}
