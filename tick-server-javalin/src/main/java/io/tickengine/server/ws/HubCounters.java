package io.tickengine.server.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the WebSocket hub, read by metrics and stats; thread-safe. */
public final class HubCounters implements Outbound.Listener {
    final LongAdder ticksIn = new LongAdder();
    final LongAdder updatesSent = new LongAdder();
    final LongAdder conflated = new LongAdder();
    final LongAdder closedSlow = new LongAdder();
    final LongAdder badMessages = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    private final Map<String, LongAdder> limits = new ConcurrentHashMap<>();

    @Override
    public void sent(int updates) {
        updatesSent.add(updates);
    }

    @Override
    public void conflated() {
        conflated.increment();
    }

    @Override
    public void closedSlow() {
        closedSlow.increment();
    }

    void limitHit(String limit) {
        limits.computeIfAbsent(limit, k -> new LongAdder()).increment();
    }

    /** Ticks the broadcaster received from the engine. */
    public long ticksIn() { return ticksIn.sum(); }

    /** Updates (ticks, candles) written to clients. */
    public long updatesSent() { return updatesSent.sum(); }

    /** Updates replaced by a newer one for a slow client. */
    public long conflatedUpdates() { return conflated.sum(); }

    /** Clients closed with 1013 for being too slow. */
    public long closedSlowClients() { return closedSlow.sum(); }

    /** Malformed or unknown client messages. */
    public long badMessages() { return badMessages.sum(); }

    public long connectionsOpened() { return connectionsOpened.sum(); }

    public long authFailures() { return authFailures.sum(); }

    /** Hits per limit name (connections_per_ip, subscriptions, subscribe_rate, message_size, origin). */
    public Map<String, Long> limitHits() {
        Map<String, Long> m = new java.util.TreeMap<>();
        limits.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
