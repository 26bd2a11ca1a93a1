package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.ws.AngelOneStats;
import io.tickengine.core.source.SourceState;
import io.tickengine.feed.ws.FeedCounters;
import java.util.concurrent.atomic.AtomicLong;

/** The source's counters: the shared feed counters plus Angel One's packets, pongs and error answers. Any thread. */
public final class Counters {
    final FeedCounters feed = new FeedCounters();
    final AtomicLong packets = new AtomicLong();
    final AtomicLong pongs = new AtomicLong();
    final AtomicLong errorMessages = new AtomicLong();

    /** The shared counters, which the connection loop bumps too. */
    public FeedCounters feed() {
        return feed;
    }

    /** A consistent-enough snapshot for monitoring. */
    public AngelOneStats snapshot(SourceState state) {
        return new AngelOneStats(state, packets.get(), feed.ticks(), pongs.get(), feed.textMessages(),
                errorMessages.get(), feed.parseErrors(), feed.skippedPackets(), feed.listenerErrors(),
                feed.connectAttempts(), feed.reconnects(), feed.watchdogCloses(), feed.lastMessageMillis());
    }
}
