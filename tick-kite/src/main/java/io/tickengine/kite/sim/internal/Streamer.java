package io.tickengine.kite.sim.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.feed.ws.sim.SimLink;
import io.tickengine.feed.ws.sim.SimSocketServer;
import io.tickengine.kite.parse.KitePacketEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's streaming round: each tick round moves every subscribed instrument once and sends each
 * connection one frame of its instruments in their modes; idle connections get heartbeats. Runs on one
 * thread, guarded by a {@link io.tickengine.feed.ws.sim.SimRound}.
 */
public final class Streamer implements Runnable {
    private final SimSocketServer<SimSession> server;
    private final SyntheticMarket market;
    private final long tickNanos;
    private final long heartbeatNanos;
    private long lastRound = System.nanoTime();

    /** A loop over the server's sessions, streaming {@code market}. */
    public Streamer(SimSocketServer<SimSession> server, SyntheticMarket market, long tickNanos, long heartbeatNanos) {
        this.server = server;
        this.market = market;
        this.tickNanos = tickNanos;
        this.heartbeatNanos = heartbeatNanos;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        boolean tickRound = now - lastRound >= tickNanos;
        if (tickRound) {
            lastRound = now;
            step();
        }
        for (SimSession s : server.sessions()) {
            SimLink link = s.link();
            if (link.stalled()) {
                continue;
            }
            if (tickRound && sendTicks(s)) {
                continue;
            }
            if (now - link.lastSentNanos() >= heartbeatNanos) {
                link.send(KitePacketEncoder.heartbeat());
            }
        }
    }

    private void step() {
        Set<Long> tokens = new HashSet<>();
        for (SimSession s : server.sessions()) {
            if (!s.link().stalled()) {
                tokens.addAll(s.subscriptions().keySet());
            }
        }
        for (Long t : tokens) {
            if (SyntheticMarket.streamable(t)) {
                market.step(t);
            }
        }
    }

    private boolean sendTicks(SimSession s) {
        Map<Long, TickMode> subs = s.subscriptions();
        List<Tick> ticks = new ArrayList<>(subs.size());
        for (Map.Entry<Long, TickMode> e : subs.entrySet()) {
            if (SyntheticMarket.streamable(e.getKey())) {
                ticks.add(market.tick(e.getKey(), e.getValue()));
            }
        }
        if (ticks.isEmpty()) {
            return false;
        }
        s.link().send(KitePacketEncoder.encodeFrame(ticks));
        return true;
    }
}
