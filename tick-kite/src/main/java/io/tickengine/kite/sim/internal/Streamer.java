package io.tickengine.kite.sim.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.feed.ws.sim.SimLink;
import io.tickengine.feed.ws.sim.SimSocketServer;
import io.tickengine.kite.parse.KitePacketEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's streaming loop, paced by rate: every subscribed instrument ticks once per tick
 * interval, at its own phase, so the ticks of M instruments flow at an even M per interval instead of
 * one burst per interval. Each run moves the instruments that fell due since the last run (in a fixed
 * round-robin order; a late run catches up, at most one whole interval's worth) and sends each
 * connection one frame of those it subscribed, in their modes; idle connections get heartbeats. Runs
 * on one thread, guarded by a {@link io.tickengine.feed.ws.sim.SimRound}.
 */
public final class Streamer implements Runnable {
    private final SimSocketServer<SimSession> server;
    private final SyntheticMarket market;
    private final RatePacer pacer;
    private final long heartbeatNanos;
    private final AtomicLong ticksSent = new AtomicLong();
    private long lastRun = System.nanoTime();
    private int cursor;
    // The sessions as last seen, each one's subscription version and copy, and the union in a fixed order.
    private List<SimSession> sessions = List.of();
    private int[] versions = new int[0];
    private List<Map<Long, TickMode>> subscriptions = List.of();
    private Long[] order = new Long[0];

    /** A loop over the server's sessions, streaming {@code market}. */
    public Streamer(SimSocketServer<SimSession> server, SyntheticMarket market, long tickNanos, long heartbeatNanos) {
        this.server = server;
        this.market = market;
        this.pacer = new RatePacer(tickNanos);
        this.heartbeatNanos = heartbeatNanos;
    }

    /** Ticks sent to connections so far, one per instrument per frame. */
    public long ticksSent() {
        return ticksSent.get();
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long elapsed = now - lastRun;
        lastRun = now;
        refresh();
        List<Long> due = due(elapsed);
        for (Long t : due) {
            market.step(t);
        }
        for (int i = 0; i < sessions.size(); i++) {
            SimLink link = sessions.get(i).link();
            if (link.stalled()) {
                continue;
            }
            if (!sendTicks(link, subscriptions.get(i), due) && now - link.lastSentNanos() >= heartbeatNanos) {
                link.send(KitePacketEncoder.heartbeat());
            }
        }
    }

    /** Copies the sessions' subscriptions and rebuilds the round-robin order when any of them changed. */
    private void refresh() {
        List<SimSession> current = new ArrayList<>(server.sessions());
        boolean same = current.size() == sessions.size();
        for (int i = 0; same && i < current.size(); i++) {
            same = current.get(i) == sessions.get(i) && current.get(i).version() == versions[i];
        }
        if (same) {
            return;
        }
        sessions = current;
        versions = new int[current.size()];
        subscriptions = new ArrayList<>(current.size());
        TreeSet<Long> universe = new TreeSet<>();
        for (int i = 0; i < current.size(); i++) {
            SimSession s = current.get(i);
            versions[i] = s.version();
            Map<Long, TickMode> subs = s.subscriptions();
            subscriptions.add(subs);
            for (Long t : subs.keySet()) {
                if (SyntheticMarket.streamable(t)) {
                    universe.add(t);
                }
            }
        }
        order = universe.toArray(new Long[0]);
    }

    /** The instruments that fell due in {@code elapsed} nanos, continuing the round-robin where it stopped. */
    private List<Long> due(long elapsed) {
        int n = order.length;
        int count = pacer.due(elapsed, n);
        List<Long> due = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cursor = cursor >= n - 1 ? 0 : cursor + 1;
            due.add(order[cursor]);
        }
        return due;
    }

    private boolean sendTicks(SimLink link, Map<Long, TickMode> subs, List<Long> due) {
        List<Tick> ticks = new ArrayList<>();
        for (Long t : due) {
            TickMode mode = subs.get(t);
            if (mode != null) {
                ticks.add(market.tick(t, mode));
            }
        }
        if (ticks.isEmpty()) {
            return false;
        }
        link.send(KitePacketEncoder.encodeFrame(ticks));
        ticksSent.addAndGet(ticks.size());
        return true;
    }
}
