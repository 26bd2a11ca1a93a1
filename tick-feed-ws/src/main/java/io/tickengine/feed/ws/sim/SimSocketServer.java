package io.tickengine.feed.ws.sim;

import io.tickengine.feed.ws.sim.internal.RejectingServerFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulator's WebSocket server: refuses handshakes with a real HTTP status (bad credentials as the
 * protocol says, HTTP 429 beyond the connections per key, HTTP 503 on request), keeps one session per
 * open connection and offers the fault-injection primitives: drop all, stall all, refuse the next
 * handshakes, broadcast a frame. The feed's {@link SimProtocol} supplies the rest.
 *
 * @param <S> the feed's session type
 */
public final class SimSocketServer<S extends SimPeer> extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(SimSocketServer.class);
    private static final long STOP_TIMEOUT_MILLIS = 1000;

    private final SimProtocol<S> protocol;
    private final int maxConnectionsPerKey;
    private final List<S> sessions = new CopyOnWriteArrayList<>();
    /** Handshakes accepted but not yet open, by key; guarded by this. */
    private final Map<WebSocket, String> pending = new HashMap<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger rejectNext = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    /** A server on {@code address} speaking {@code protocol}, with at most {@code maxConnectionsPerKey} per key. */
    public SimSocketServer(InetSocketAddress address, SimProtocol<S> protocol, int maxConnectionsPerKey) {
        super(address, 2);
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.maxConnectionsPerKey = maxConnectionsPerKey;
        setWebSocketFactory(new RejectingServerFactory());
        setReuseAddr(true);
        setDaemon(true);
        setConnectionLostTimeout(0);
    }

    /**
     * Starts listening and waits until it does.
     *
     * @throws IllegalStateException when it cannot listen within {@code timeoutSeconds}; the server is stopped
     */
    public void startAndAwait(String what, long timeoutSeconds) {
        start();
        try {
            if (!started.await(timeoutSeconds, TimeUnit.SECONDS) || startFailure != null) {
                stopQuietly();
                throw new IllegalStateException(what + " could not listen", startFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly();
            throw new IllegalStateException("interrupted while starting the " + what, e);
        }
    }

    /** Stops the server and closes every connection, waiting a moment for them. */
    public void stopQuietly() {
        try {
            stop((int) STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The open sessions. */
    public List<S> sessions() {
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

    /** Closes every connection at once, without a close handshake, like a network failure. */
    public void dropAll(String reason) {
        for (S s : sessions) {
            s.link().drop(reason);
        }
    }

    /** Makes every open connection silent while its socket stays open; new connections are served normally. */
    public void stallAll() {
        for (S s : sessions) {
            s.link().stall();
        }
    }

    /** Sends a frame to every session that is not stalled. */
    public void broadcast(ByteBuffer frame) {
        for (S s : sessions) {
            SimLink link = s.link();
            if (!link.stalled()) {
                link.send(frame.duplicate());
            }
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                        ClientHandshake request) throws InvalidDataException {
        handshakes.incrementAndGet();
        if (rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refuse(conn, HandshakeRejection.of(503, "Service Unavailable", "simulator refused this handshake",
                    "handshake refused on request"));
        }
        HandshakeRejection r = protocol.check(request);
        if (r != null) {
            LOG.info("Simulator refused a handshake with HTTP {}: {}", r.status(), r.reason());
            refuse(conn, r);
        }
        String key = Objects.requireNonNullElse(protocol.key(request), "");
        synchronized (this) {
            long open = sessions.stream().filter(s -> s.link().key().equals(key)).count()
                    + pending.values().stream().filter(key::equals).count();
            if (open >= maxConnectionsPerKey) {
                LOG.info("Simulator refused a handshake with HTTP 429: {} connections of one key", open);
                refuse(conn, protocol.tooManyConnections(maxConnectionsPerKey));
            }
            pending.put(conn, key);
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    private static void refuse(WebSocket conn, HandshakeRejection r) throws InvalidDataException {
        RejectingServerFactory.reject(conn, r);
        throw new InvalidDataException(r.status(), r.reason());
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        synchronized (this) {
            String key = pending.remove(conn);
            S session = protocol.open(new SimLink(conn, key == null ? "" : key));
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
        S session = conn.getAttachment();
        if (session != null) {
            sessions.remove(session);
        }
        LOG.debug("Simulator connection closed: code {} {}", code, reason);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        S session = conn.getAttachment();
        if (session != null) {
            protocol.text(session, message);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        protocol.binary(conn, message);
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
}
