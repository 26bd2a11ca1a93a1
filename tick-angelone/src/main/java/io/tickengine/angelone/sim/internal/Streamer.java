package io.tickengine.angelone.sim.internal;

import io.tickengine.angelone.parse.AngelOneMode;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's streaming loop: each round moves every subscribed instrument once and sends each
 * connection one packet per subscription in its mode, one packet per frame as Angel One does. Runs on
 * one thread and never lets an exception escape.
 */
public final class Streamer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Streamer.class);

    private final SimServer server;
    private final SyntheticMarket market;
    private final AtomicLong errors = new AtomicLong();

    /** A loop over the server's sessions, streaming {@code market}. */
    public Streamer(SimServer server, SyntheticMarket market) {
        this.server = server;
        this.market = market;
    }

    @Override
    public void run() {
        try {
            Set<SimKey> keys = new HashSet<>();
            for (SimSession s : server.sessions()) {
                if (!s.stalled()) {
                    keys.addAll(s.subscriptions().keySet());
                }
            }
            keys.forEach(market::step);
            for (SimSession s : server.sessions()) {
                if (s.stalled()) {
                    continue;
                }
                for (Map.Entry<SimKey, AngelOneMode> e : s.subscriptions().entrySet()) {
                    send(s, market.packet(e.getKey(), e.getValue()));
                }
            }
        } catch (RuntimeException e) {
            if (errors.getAndIncrement() == 0) {
                LOG.error("Simulator streaming failed (logged once; it goes on)", e);
            }
        }
    }

    /** Marks every open session stalled: no packets, no pongs, socket left open. */
    public void stallAll() {
        for (SimSession s : server.sessions()) {
            s.stall();
        }
    }

    /** Sends a frame to every session that is not stalled. */
    public void broadcast(ByteBuffer frame) {
        for (SimSession s : server.sessions()) {
            if (!s.stalled()) {
                send(s, frame.duplicate());
            }
        }
    }

    private static void send(SimSession s, ByteBuffer frame) {
        try {
            s.connection().send(frame);
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("Simulator: connection closed before a frame went out");
        }
    }
}
