package io.tickengine.angelone.sim.internal;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.feed.ws.sim.SimSocketServer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's streaming round: moves every subscribed instrument once and sends each connection one
 * packet per subscription in its mode, one packet per frame as Angel One does. Runs on one thread,
 * guarded by a {@link io.tickengine.feed.ws.sim.SimRound}.
 */
public final class Streamer implements Runnable {
    private final SimSocketServer<SimSession> server;
    private final SyntheticMarket market;

    /** A loop over the server's sessions, streaming {@code market}. */
    public Streamer(SimSocketServer<SimSession> server, SyntheticMarket market) {
        this.server = server;
        this.market = market;
    }

    @Override
    public void run() {
        Set<SimKey> keys = new HashSet<>();
        for (SimSession s : server.sessions()) {
            if (!s.link().stalled()) {
                keys.addAll(s.subscriptions().keySet());
            }
        }
        keys.forEach(market::step);
        for (SimSession s : server.sessions()) {
            if (s.link().stalled()) {
                continue;
            }
            for (Map.Entry<SimKey, AngelOneMode> e : s.subscriptions().entrySet()) {
                s.link().send(market.packet(e.getKey(), e.getValue()));
            }
        }
    }
}
