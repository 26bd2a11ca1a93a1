package io.tickengine.kite.sim.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.kite.parse.KitePacketEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's streaming loop: each tick round moves every subscribed instrument once and sends each
 * connection one frame of its instruments in their modes; idle connections get heartbeats. Runs on one
 * thread and never lets an exception escape.
 */
public final class Streamer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Streamer.class);

    private final SimServer server;
    private final SyntheticMarket market;
    private final long tickNanos;
    private final long heartbeatNanos;
    private final AtomicLong errors = new AtomicLong();
    private long lastRound = System.nanoTime();

    /** A loop over the server's sessions, streaming {@code market}. */
    public Streamer(SimServer server, SyntheticMarket market, long tickNanos, long heartbeatNanos) {
        this.server = server;
        this.market = market;
        this.tickNanos = tickNanos;
        this.heartbeatNanos = heartbeatNanos;
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            boolean tickRound = now - lastRound >= tickNanos;
            if (tickRound) {
                lastRound = now;
                step();
            }
            for (SimSession s : server.sessions()) {
                if (s.stalled()) {
                    continue;
                }
                if (tickRound && sendTicks(s)) {
                    continue;
                }
                if (now - s.lastSentNanos() >= heartbeatNanos) {
                    send(s, KitePacketEncoder.heartbeat());
                }
            }
        } catch (RuntimeException e) {
            if (errors.getAndIncrement() == 0) {
                LOG.error("Simulator streaming failed (logged once; it goes on)", e);
            }
        }
    }

    /** Marks every open session stalled. */
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

    private void step() {
        Set<Long> tokens = new HashSet<>();
        for (SimSession s : server.sessions()) {
            if (!s.stalled()) {
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
        send(s, KitePacketEncoder.encodeFrame(ticks));
        return true;
    }

    private static void send(SimSession s, ByteBuffer frame) {
        try {
            s.connection().send(frame);
            s.sent();
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("Simulator: connection closed before a frame went out");
        }
    }
}
