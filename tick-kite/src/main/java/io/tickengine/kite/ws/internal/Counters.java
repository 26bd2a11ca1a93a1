package io.tickengine.kite.ws.internal;

import io.tickengine.core.source.SourceState;
import io.tickengine.feed.ws.FeedCounters;
import io.tickengine.kite.ws.KiteStats;
import java.util.concurrent.atomic.AtomicLong;

/** The source's counters: the shared feed counters plus Kite's frames and heartbeats. Any thread. */
public final class Counters {
    final FeedCounters feed = new FeedCounters();
    final AtomicLong frames = new AtomicLong();
    final AtomicLong heartbeats = new AtomicLong();

    /** The shared counters, which the connection loop bumps too. */
    public FeedCounters feed() {
        return feed;
    }

    /** A consistent-enough snapshot for monitoring. */
    public KiteStats snapshot(SourceState state) {
        return new KiteStats(state, frames.get(), feed.ticks(), heartbeats.get(), feed.textMessages(),
                feed.parseErrors(), feed.skippedPackets(), feed.listenerErrors(), feed.connectAttempts(),
                feed.reconnects(), feed.watchdogCloses(), feed.lastMessageMillis());
    }
}
