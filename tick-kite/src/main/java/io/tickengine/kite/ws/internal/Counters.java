package io.tickengine.kite.ws.internal;

import io.tickengine.core.source.SourceState;
import io.tickengine.feed.ws.ConnectionCounters;
import io.tickengine.kite.ws.KiteStats;
import java.util.concurrent.atomic.AtomicLong;

/** The source's counters; any thread may bump or read them. */
public final class Counters implements ConnectionCounters {
    final AtomicLong frames = new AtomicLong();
    final AtomicLong ticks = new AtomicLong();
    final AtomicLong heartbeats = new AtomicLong();
    final AtomicLong textMessages = new AtomicLong();
    final AtomicLong parseErrors = new AtomicLong();
    final AtomicLong skippedPackets = new AtomicLong();
    final AtomicLong listenerErrors = new AtomicLong();
    final AtomicLong lastFrameMillis = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong watchdogCloses = new AtomicLong();

    /** Counts a connection attempt and returns the total. */
    @Override
    public long connectAttempt() {
        return connectAttempts.incrementAndGet();
    }

    /** Counts a connection re-established after a loss. */
    @Override
    public void reconnected() {
        reconnects.incrementAndGet();
    }

    /** Counts a connection the watchdog closed. */
    @Override
    public void watchdogClosed() {
        watchdogCloses.incrementAndGet();
    }

    /** A consistent-enough snapshot for monitoring. */
    public KiteStats snapshot(SourceState state) {
        return new KiteStats(state, frames.get(), ticks.get(), heartbeats.get(), textMessages.get(),
                parseErrors.get(), skippedPackets.get(), listenerErrors.get(), connectAttempts.get(),
                reconnects.get(), watchdogCloses.get(), lastFrameMillis.get());
    }
}
