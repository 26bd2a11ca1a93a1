package io.tickengine.kite.sim.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.kite.parse.MalformedMessageException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's WebSocket server: checks credentials at the handshake (HTTP 403 when wrong) and the
 * connections per api key (HTTP 429 beyond the limit), keeps one {@link SimSession} per connection and
 * applies subscribe, unsubscribe and mode messages.
 */
public final class SimServer extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimAccounts accounts;
    private final int maxInstruments;
    private final int maxConnectionsPerKey;
    private final List<SimSession> sessions = new CopyOnWriteArrayList<>();
    /** Handshakes accepted but not yet open, by api key; guarded by this. */
    private final Map<WebSocket, String> pending = new HashMap<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger rejectNext = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    /** A server on {@code address} that accepts the credentials of {@code accounts}. */
    public SimServer(InetSocketAddress address, SimAccounts accounts, int maxInstruments, int maxConnectionsPerKey) {
        super(address, 2);
        this.accounts = accounts;
        this.maxInstruments = maxInstruments;
        this.maxConnectionsPerKey = maxConnectionsPerKey;
        setWebSocketFactory(new RejectingServerFactory());
        setReuseAddr(true);
        setDaemon(true);
        setConnectionLostTimeout(0);
    }

    /** Counted down once the server listens, or failed to. */
    public CountDownLatch startedLatch() {
        return started;
    }

    /** Why the server could not start, or null. */
    public Exception startFailure() {
        return startFailure;
    }

    /** The open sessions. */
    public List<SimSession> sessions() {
        return sessions;
    }

    /** Handshakes received, refused ones included. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Refuses the next {@code n} handshakes with HTTP 503, whatever their credentials. */
    public void rejectNext(int n) {
        rejectNext.set(n);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                        ClientHandshake request) throws InvalidDataException {
        handshakes.incrementAndGet();
        if (rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            RejectingServerFactory.reject(conn, 503, "Service Unavailable", "simulator refused this handshake");
            throw new InvalidDataException(503, "handshake refused on request");
        }
        Map<String, String> query = query(request.getResourceDescriptor());
        String apiKey = query.get("api_key");
        if (!accounts.accepts(apiKey, query.get("access_token"))) {
            RejectingServerFactory.reject(conn, 403, "Forbidden", "invalid api_key or access_token");
            LOG.info("Simulator refused a handshake with HTTP 403: wrong credentials");
            throw new InvalidDataException(403, "invalid api_key or access_token");
        }
        synchronized (this) {
            long open = sessions.stream().filter(s -> s.apiKey().equals(apiKey)).count() + pendingFor(apiKey);
            if (open >= maxConnectionsPerKey) {
                RejectingServerFactory.reject(conn, 429, "Too Many Requests",
                        "at most " + maxConnectionsPerKey + " connections per api_key");
                LOG.info("Simulator refused a handshake with HTTP 429: {} connections of one api key", open);
                throw new InvalidDataException(429, "too many connections for this api_key");
            }
            pending.put(conn, apiKey);
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    private long pendingFor(String apiKey) {
        return pending.values().stream().filter(apiKey::equals).count();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        synchronized (this) {
            String apiKey = pending.remove(conn);
            SimSession session = new SimSession(conn, apiKey == null ? "" : apiKey);
            conn.setAttachment(session);
            sessions.add(session);
        }
        LOG.debug("Simulator connection opened from {}", conn.getRemoteSocketAddress());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        synchronized (this) {
            pending.remove(conn);
        }
        SimSession session = conn.getAttachment();
        if (session != null) {
            sessions.remove(session);
        }
        LOG.debug("Simulator connection closed: code {} {}", code, reason);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        SimSession session = conn.getAttachment();
        if (session == null) {
            return;
        }
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
    public void onMessage(WebSocket conn, ByteBuffer message) {
        sendText(conn, "error", "binary messages are not accepted");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && started.getCount() > 0) {
            startFailure = ex;
            started.countDown();
        }
        LOG.debug("Simulator socket error: {}", ex.toString());
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /** Sends {@code {"type":type,"data":data}} where data is text. */
    public static void sendText(WebSocket conn, String type, String data) {
        ObjectNode node = JSON.createObjectNode().put("type", type).put("data", data);
        send(conn, node.toString());
    }

    /** Sends a text frame, ignoring a connection that has just closed. */
    public static void send(WebSocket conn, String text) {
        try {
            conn.send(text);
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("Simulator: connection closed before a text frame went out");
        }
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
