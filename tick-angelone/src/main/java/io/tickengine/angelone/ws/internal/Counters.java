package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.ws.AngelOneStats;
import io.tickengine.core.source.SourceState;
import io.tickengine.feed.ws.ConnectionCounters;
import java.util.concurrent.atomic.AtomicLong;

/** The source's counters; any thread may bump or read them. */
public final class Counters implements ConnectionCounters {
    final AtomicLong packets = new AtomicLong();
    final AtomicLong ticks = new AtomicLong();
    final AtomicLong pongs = new AtomicLong();
    final AtomicLong textMessages = new AtomicLong();
    final AtomicLong errorMessages = new AtomicLong();
    final AtomicLong parseErrors = new AtomicLong();
    final AtomicLong skippedPackets = new AtomicLong();
    final AtomicLong listenerErrors = new AtomicLong();
    final AtomicLong lastMessageMillis = new AtomicLong();
    final AtomicLong connectAttempts = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong watchdogCloses = new AtomicLong();

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

    /** A consistent-enough snapshot for monitoring. */
    public AngelOneStats snapshot(SourceState state) {
        return new AngelOneStats(state, packets.get(), ticks.get(), pongs.get(), textMessages.get(),
                errorMessages.get(), parseErrors.get(), skippedPackets.get(), listenerErrors.get(),
                connectAttempts.get(), reconnects.get(), watchdogCloses.get(), lastMessageMillis.get());
    }
}
