package io.tickengine.angelone.sim.internal;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.feed.ws.sim.SimLink;
import io.tickengine.feed.ws.sim.SimPeer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.java_websocket.WebSocket;

/**
 * One client connection of the simulator: its subscriptions (one mode per token; subscribing in another
 * mode replaces it, unsubscribing removes it only in the mode given) and whether it has been stalled.
 */
public final class SimSession implements SimPeer {
    private final SimLink link;
    private final Map<SimKey, AngelOneMode> subscriptions = new HashMap<>();

    SimSession(SimLink link) {
        this.link = link;
    }

    @Override
    public SimLink link() {
        return link;
    }

    /** The client code the connection authenticated with. */
    public String clientCode() {
        return link.key();
    }

    /** The client connection. */
    public WebSocket connection() {
        return link.connection();
    }

    /** Tokens that would be subscribed after adding {@code tokens} in {@code mode}, and how many in Depth-20. */
    synchronized int[] sizesAfter(Map<ExchangeType, List<String>> tokens, AngelOneMode mode) {
        Map<SimKey, AngelOneMode> next = new HashMap<>(subscriptions);
        tokens.forEach((type, list) -> list.forEach(t -> next.put(new SimKey(type, t), mode)));
        int depth = (int) next.values().stream().filter(m -> m == AngelOneMode.DEPTH_20).count();
        return new int[] {next.size(), depth};
    }

    synchronized void subscribe(Map<ExchangeType, List<String>> tokens, AngelOneMode mode) {
        tokens.forEach((type, list) -> list.forEach(t -> subscriptions.put(new SimKey(type, t), mode)));
    }

    synchronized void unsubscribe(Map<ExchangeType, List<String>> tokens, AngelOneMode mode) {
        tokens.forEach((type, list) -> list.forEach(t -> subscriptions.remove(new SimKey(type, t), mode)));
    }

    /** A copy of the subscriptions. */
    public synchronized Map<SimKey, AngelOneMode> subscriptions() {
        return new HashMap<>(subscriptions);
    }
}
