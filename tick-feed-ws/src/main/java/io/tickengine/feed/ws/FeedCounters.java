package io.tickengine.feed.ws;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters every feed source keeps: what the connection loop counts and what {@link ListenerDelivery}
 * counts. A feed keeps its own protocol counters (frames, heartbeats, pongs) beside these. Any thread
 * may bump or read them.
 */
public final class FeedCounters implements ConnectionCounters {
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong textMessages = new AtomicLong();
    private final AtomicLong parseErrors = new AtomicLong();
    private final AtomicLong skippedPackets = new AtomicLong();
    private final AtomicLong listenerErrors = new AtomicLong();
    private final AtomicLong lastMessageMillis = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong watchdogCloses = new AtomicLong();

    @Override
    public long connectAttempt() {
        return connectAttempts.incrementAndGet();
    }

    @Override
    public void reconnected() {
        reconnects.incrementAndGet();
    }

    @Override
    public void watchdogClosed() {
        watchdogCloses.incrementAndGet();
    }

    /** Counts {@code n} ticks handed to the listener. */
    void ticks(int n) {
        ticks.addAndGet(n);
    }

    /** Counts a text message. */
    public void textMessage() {
        textMessages.incrementAndGet();
    }

    /** Counts a frame or packet that could not be decoded. */
    public void parseError() {
        parseErrors.incrementAndGet();
    }

    /** Counts packets the parser skipped (unknown or unsupported). */
    public void skipped(long n) {
        skippedPackets.addAndGet(n);
    }

    /** Counts an exception the listener threw. */
    void listenerError() {
        listenerErrors.incrementAndGet();
    }

    /** Notes that something arrived at {@code millis}. */
    public void received(long millis) {
        lastMessageMillis.set(millis);
    }

    /** Ticks handed to the listener. */
    public long ticks() {
        return ticks.get();
    }

    /** Text messages received. */
    public long textMessages() {
        return textMessages.get();
    }

    /** Frames or packets that could not be decoded. */
    public long parseErrors() {
        return parseErrors.get();
    }

    /** Packets the parser skipped. */
    public long skippedPackets() {
        return skippedPackets.get();
    }

    /** Exceptions the listener threw. */
    public long listenerErrors() {
        return listenerErrors.get();
    }

    /** When something last arrived, epoch milliseconds; 0 before anything did. */
    public long lastMessageMillis() {
        return lastMessageMillis.get();
    }

    /** Connection attempts made. */
    public long connectAttempts() {
        return connectAttempts.get();
    }

    /** Connections re-established after a loss. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Connections the watchdog closed. */
    public long watchdogCloses() {
        return watchdogCloses.get();
    }
}
