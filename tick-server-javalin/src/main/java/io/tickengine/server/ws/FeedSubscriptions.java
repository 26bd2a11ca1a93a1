package io.tickengine.server.ws;

import io.tickengine.core.TickMode;
import io.tickengine.core.source.TickSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * What the feed is subscribed to: the pinned universe plus every instrument a client needs, counted
 * per client, so an on-demand instrument is released when the last client lets go of it. Each
 * instrument goes to the feed the router names for it.
 */
public final class FeedSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSubscriptions.class);

    private final LongFunction<TickSource> router;
    private final TickMode mode;
    private final Set<Long> pinned = new HashSet<>();
    private final Map<Long, Integer> demand = new HashMap<>();
    private final AtomicLong failedInstruments = new AtomicLong();

    /** @param router the feed that serves an instrument token; it returns null when there is no built-in feed */
    public FeedSubscriptions(LongFunction<TickSource> router, TickMode mode) {
        this.router = router;
        this.mode = mode;
    }

    /** Subscribes the startup universe; it stays subscribed whatever clients do. */
    public synchronized void pin(Collection<Long> tokens) {
        List<Long> fresh = new ArrayList<>();
        for (Long t : tokens) {
            if (pinned.add(t) && !demand.containsKey(t)) {
                fresh.add(t);
            }
        }
        send(fresh, true);
    }

    /** One more client needs these instruments. */
    public synchronized void acquire(Collection<Long> tokens) {
        List<Long> fresh = new ArrayList<>();
        for (Long t : tokens) {
            if (demand.merge(t, 1, Integer::sum) == 1 && !pinned.contains(t)) {
                fresh.add(t);
            }
        }
        send(fresh, true);
    }

    /** One client no longer needs these instruments. */
    public synchronized void release(Collection<Long> tokens) {
        List<Long> gone = new ArrayList<>();
        for (Long t : tokens) {
            Integer left = demand.computeIfPresent(t, (k, n) -> n > 1 ? n - 1 : null);
            if (left == null && !pinned.contains(t)) {
                gone.add(t);
            }
        }
        send(gone, false);
    }

    /** Instruments the feed is asked for: pinned and on demand. */
    public synchronized int size() {
        Set<Long> all = new HashSet<>(pinned);
        all.addAll(demand.keySet());
        return all.size();
    }

    /** Instruments a feed refused to subscribe or unsubscribe (a limit, a closed feed), counted per instrument. */
    public long failedInstruments() {
        return failedInstruments.get();
    }

    /** Instruments subscribed on demand only (not in the universe). */
    public synchronized int onDemand() {
        int n = 0;
        for (Long t : demand.keySet()) {
            if (!pinned.contains(t)) {
                n++;
            }
        }
        return n;
    }

    private void send(List<Long> tokens, boolean subscribe) {
        Map<TickSource, List<Long>> byFeed = new LinkedHashMap<>();
        for (Long t : tokens) {
            TickSource feed = router.apply(t);
            if (feed != null) {
                byFeed.computeIfAbsent(feed, f -> new ArrayList<>()).add(t);
            }
        }
        byFeed.forEach((feed, some) -> {
            try {
                if (subscribe) {
                    feed.subscribe(some, mode);
                } else {
                    feed.unsubscribe(some);
                }
            } catch (RuntimeException e) {
                failedInstruments.addAndGet(some.size());
                LOG.warn("feed {} {} failed for {} instruments: {}", feed.name(), subscribe ? "subscribe" : "unsubscribe",
                        some.size(), e.toString());
            }
        });
    }
}
