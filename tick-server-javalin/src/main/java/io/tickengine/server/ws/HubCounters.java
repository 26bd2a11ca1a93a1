package io.tickengine.server.ws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the WebSocket hub, read by metrics and stats; thread-safe. */
public final class HubCounters implements Outbound.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HubCounters.class);

    final LongAdder ticksIn = new LongAdder();
    final LongAdder updatesSent = new LongAdder();
    final LongAdder conflated = new LongAdder();
    final LongAdder closedSlow = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder badMessages = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder superseded = new LongAdder();
    final LongAdder unsubscribedDropped = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder resumeGaps = new LongAdder();
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

    @Override
    public void failed(RuntimeException e) {
        sendFailures.increment();
        if (sendFailures.sum() == 1) {
            LOG.error("sending to a client failed; it was closed with 1011 (logged once, counted in send_failures)", e);
        }
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

    /** Clients closed with 1011 because building or handing over their frames failed. */
    public long sendFailures() { return sendFailures.sum(); }

    /**
     * Live ticks not sent to a client because a snapshot or a resume had already given it that tick or a
     * newer one of the instrument.
     */
    public long supersededTicks() { return superseded.sum(); }

    /** Ticks still waiting for a client when it unsubscribed their instrument, dropped with the subscription. */
    public long unsubscribedDropped() { return unsubscribedDropped.sum(); }

    /** Ticks sent to resuming clients from the resume buffer. */
    public long replayedTicks() { return replayed.sum(); }

    /** Gap messages: resuming clients that asked for, or fell behind, ticks the resume window no longer held. */
    public long resumeGaps() { return resumeGaps.sum(); }

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
