package io.tickengine.angelone.sim.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOneRequest;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.angelone.parse.MalformedRequestException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * The simulator's WebSocket server: checks the four headers at the handshake (HTTP 401 with
 * {@code x-error-message} when wrong), the connections per client code (HTTP 429 beyond; Angel One's
 * answer is unverified), answers {@code ping} with {@code pong} and applies subscribe requests, answering
 * E1001 for invalid ones and E1002 beyond the token limits.
 */
public final class SimServer extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimCredentials credentials;
    private final int maxTokens;
    private final int maxConnections;
    private final List<SimSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<WebSocket, String> pending = new HashMap<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicReference<String> forcedAuthError = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    /** A server on {@code address} accepting {@code credentials}. */
    public SimServer(InetSocketAddress address, SimCredentials credentials, int maxTokens, int maxConnections) {
        super(address, 2);
        this.credentials = credentials;
        this.maxTokens = maxTokens;
        this.maxConnections = maxConnections;
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

    /** Text pings received. */
    public int pings() {
        return pings.get();
    }

    /** Refuses every later handshake with 401 and {@code errorMessage}; null accepts good credentials again. */
    public void forceAuthError(String errorMessage) {
        forcedAuthError.set(errorMessage);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                        ClientHandshake request) throws InvalidDataException {
        handshakes.incrementAndGet();
        String error = forcedAuthError.get();
        if (error == null) {
            error = credentials.check(request.getFieldValue("Authorization"), request.getFieldValue("x-api-key"),
                    request.getFieldValue("x-client-code"), request.getFieldValue("x-feed-token"));
        }
        if (error != null) {
            RejectingServerFactory.reject(conn, 401, "Unauthorized", error);
            LOG.info("Simulator refused a handshake with HTTP 401: {}", error);
            throw new InvalidDataException(401, error);
        }
        String client = request.getFieldValue("x-client-code");
        synchronized (this) {
            long open = sessions.stream().filter(s -> s.clientCode().equals(client)).count()
                    + pending.values().stream().filter(client::equals).count();
            if (open >= maxConnections) {
                RejectingServerFactory.reject(conn, 429, "Too Many Requests", "Connection limit exceeded");
                LOG.info("Simulator refused a handshake with HTTP 429: {} connections of one client code", open);
                throw new InvalidDataException(429, "too many connections");
            }
            pending.put(conn, client);
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        synchronized (this) {
            String client = pending.remove(conn);
            SimSession session = new SimSession(conn, client == null ? "" : client);
            conn.setAttachment(session);
            sessions.add(session);
        }
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
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        SimSession session = conn.getAttachment();
        if (session == null || session.stalled()) {
            return;
        }
        if ("ping".equals(message)) {
            pings.incrementAndGet();
            send(conn, "pong");
            return;
        }
        AngelOneRequest r;
        try {
            r = AngelOneRequest.parse(message);
        } catch (MalformedRequestException e) {
            sendError(conn, "", "E1001", "Invalid Request Payload.");
            return;
        }
        if (r.action() == AngelOneRequest.Action.UNSUBSCRIBE) {
            session.unsubscribe(r.tokens(), r.mode());
            return;
        }
        if (r.mode() == AngelOneMode.DEPTH_20 && (r.tokens().size() != 1 || !r.tokens().containsKey(ExchangeType.NSE_CM))) {
            sendError(conn, r.correlationId(), "E1001", "Invalid Request Payload.");
            return;
        }
        int[] sizes = session.sizesAfter(r.tokens(), r.mode());
        if (sizes[0] > maxTokens || sizes[1] > 50) {
            sendError(conn, r.correlationId(), "E1002", "Invalid Request. Subscription Limit Exceeded.");
            return;
        }
        session.subscribe(r.tokens(), r.mode());
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        sendError(conn, "", "E1001", "Invalid Request Payload.");
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

    private static void sendError(WebSocket conn, String correlationId, String code, String message) {
        send(conn, JSON.createObjectNode().put("correlationID", correlationId).put("errorCode", code)
                .put("errorMessage", message).toString());
    }

    /** Sends a text frame, ignoring a connection that has just closed. */
    static void send(WebSocket conn, String text) {
        try {
            conn.send(text);
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("Simulator: connection closed before a text frame went out");
        }
    }
}
