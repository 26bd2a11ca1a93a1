package io.tickengine.kite.sim.internal;

import io.tickengine.core.TickMode;
import io.tickengine.feed.ws.sim.SimLink;
import io.tickengine.feed.ws.sim.SimPeer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.java_websocket.WebSocket;

/** One client connection of the simulator: its subscriptions and whether it has been stalled. */
public final class SimSession implements SimPeer {
    /** Kite's mode for a token subscribed without a mode message (undocumented; the clients assume quote). */
    static final TickMode DEFAULT_MODE = TickMode.QUOTE;

    private final SimLink link;
    private final Map<Long, TickMode> subscriptions = new HashMap<>();
    private volatile int version;

    SimSession(SimLink link) {
        this.link = link;
    }

    @Override
    public SimLink link() {
        return link;
    }

    /** The api key the connection authenticated with. */
    public String apiKey() {
        return link.key();
    }

    /** The client connection. */
    public WebSocket connection() {
        return link.connection();
    }

    /**
     * Subscribes tokens in the default mode (those already subscribed keep theirs).
     *
     * @return false, changing nothing, when the connection would exceed {@code max} tokens
     */
    synchronized boolean subscribe(Collection<Long> tokens, int max) {
        long added = tokens.stream().distinct().filter(t -> !subscriptions.containsKey(t)).count();
        if (subscriptions.size() + added > max) {
            return false;
        }
        for (Long t : tokens) {
            subscriptions.putIfAbsent(t, DEFAULT_MODE);
        }
        version++;
        return true;
    }

    synchronized void unsubscribe(Collection<Long> tokens) {
        for (Long t : tokens) {
            subscriptions.remove(t);
        }
        version++;
    }

    /** Sets the mode of tokens that are subscribed; others are ignored, as a mode cannot subscribe. */
    synchronized void mode(TickMode mode, Collection<Long> tokens) {
        for (Long t : tokens) {
            subscriptions.computeIfPresent(t, (k, v) -> mode);
        }
        version++;
    }

    /** Changes with every subscribe, unsubscribe and mode message, so a reader can keep its copy until then. */
    public int version() {
        return version;
    }

    /** A copy of the subscriptions. */
    public synchronized Map<Long, TickMode> subscriptions() {
        return new HashMap<>(subscriptions);
    }
}
