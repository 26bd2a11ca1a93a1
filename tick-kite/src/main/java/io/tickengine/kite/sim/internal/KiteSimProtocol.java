package io.tickengine.kite.sim.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickengine.feed.ws.sim.HandshakeRejection;
import io.tickengine.feed.ws.sim.SimLink;
import io.tickengine.feed.ws.sim.SimProtocol;
import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.kite.parse.MalformedMessageException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * Kite's side of the simulator's WebSocket server: credentials in the query (HTTP 403 when wrong), HTTP
 * 429 beyond the connections per api key, one {@link SimSession} per connection, and subscribe,
 * unsubscribe and mode messages applied.
 */
public final class KiteSimProtocol implements SimProtocol<SimSession> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimAccounts accounts;
    private final int maxInstruments;

    /** The protocol accepting the credentials of {@code accounts}, {@code maxInstruments} per connection. */
    public KiteSimProtocol(SimAccounts accounts, int maxInstruments) {
        this.accounts = accounts;
        this.maxInstruments = maxInstruments;
    }

    @Override
    public HandshakeRejection check(ClientHandshake request) {
        Map<String, String> query = query(request.getResourceDescriptor());
        if (accounts.accepts(query.get("api_key"), query.get("access_token"))) {
            return null;
        }
        return HandshakeRejection.of(403, "Forbidden", "invalid api_key or access_token",
                "invalid api_key or access_token");
    }

    @Override
    public String key(ClientHandshake request) {
        return query(request.getResourceDescriptor()).get("api_key");
    }

    @Override
    public HandshakeRejection tooManyConnections(int max) {
        return HandshakeRejection.of(429, "Too Many Requests", "at most " + max + " connections per api_key",
                "too many connections for this api_key");
    }

    @Override
    public SimSession open(SimLink link) {
        return new SimSession(link);
    }

    @Override
    public void text(SimSession session, String message) {
        WebSocket conn = session.connection();
        try {
            KiteCommand c = KiteCommand.parse(message);
            switch (c.action()) {
                case SUBSCRIBE:
                    if (!session.subscribe(c.tokens(), maxInstruments)) {
                        sendText(conn, "error", "max tokens exceeded: at most " + maxInstruments
                                + " instruments per connection");
                    }
                    break;
                case UNSUBSCRIBE:
                    session.unsubscribe(c.tokens());
                    break;
                default:
                    session.mode(c.mode(), c.tokens());
            }
        } catch (MalformedMessageException e) {
            sendText(conn, "error", "invalid message: " + e.getMessage());
        }
    }

    @Override
    public void binary(WebSocket conn, ByteBuffer message) {
        sendText(conn, "error", "binary messages are not accepted");
    }

    /** Sends {@code {"type":type,"data":data}} where data is text. */
    public static void sendText(WebSocket conn, String type, String data) {
        ObjectNode node = JSON.createObjectNode().put("type", type).put("data", data);
        SimLink.send(conn, node.toString());
    }

    private static Map<String, String> query(String resource) {
        Map<String, String> out = new HashMap<>();
        int q = resource == null ? -1 : resource.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : resource.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
