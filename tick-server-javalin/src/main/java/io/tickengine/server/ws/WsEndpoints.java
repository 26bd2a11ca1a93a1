package io.tickengine.server.ws;

import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.server.auth.AuthenticationException;
import io.tickengine.server.auth.Authenticator;
import io.tickengine.server.auth.Principal;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers the WebSocket endpoints: seed 004's {@code /ws/ticks}, seed 000's {@code /ws/indices},
 * {@code /ws/stocks}, {@code /ws/indices/all}, {@code /ws/stocks/nse/all}, and {@code /ws/candles}.
 * Connect checks origin, credentials (close 1008 with seed 004's reasons) and the per-address limit; a
 * connection without traffic for the idle timeout is closed with 1001.
 */
public final class WsEndpoints {
    /** Close code for policy violations: bad credentials, origin or limits. */
    public static final int CLOSE_POLICY = 1008;
    /** Close code sent to every client when the server shuts down. */
    public static final int CLOSE_GOING_AWAY = 1001;
    /**
     * How long a connection may pass no frame either way before it is closed (1001): four times the
     * 30-second ping interval seed 004 asks clients for, so a client that pings survives three lost pings.
     * Ticks and candles sent count as traffic too. Jetty's own default, 30 s, raced those pings.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    private static final Logger LOG = LoggerFactory.getLogger(WsEndpoints.class);

    private final Hub hub;
    private final Authenticator auth;
    private final TicksProtocol ticks;
    private final SymbolsProtocol symbols;
    private final Duration idleTimeout;
    private final Map<String, ClientSession> bySocket = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    /** Endpoints whose connections close after {@link #DEFAULT_IDLE_TIMEOUT} without traffic. */
    public WsEndpoints(Hub hub, Authenticator auth, List<CandleInterval> candleIntervals) {
        this(hub, auth, candleIntervals, DEFAULT_IDLE_TIMEOUT);
    }

    /** Endpoints whose connections close after {@code idleTimeout} without a frame either way. */
    public WsEndpoints(Hub hub, Authenticator auth, List<CandleInterval> candleIntervals, Duration idleTimeout) {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        this.hub = Objects.requireNonNull(hub, "hub");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.ticks = new TicksProtocol(hub, candleIntervals);
        this.symbols = new SymbolsProtocol(hub);
        this.idleTimeout = idleTimeout;
    }

    /** Adds the endpoints to an app. */
    public void register(Javalin app) {
        app.ws("/ws/ticks", ws -> wire(ws, Dialect.TICKS, "/ws/ticks", null));
        app.ws("/ws/candles", ws -> wire(ws, Dialect.CANDLES, "/ws/candles", null));
        app.ws("/ws/indices", ws -> wire(ws, Dialect.SYMBOLS, "/ws/indices", null));
        app.ws("/ws/stocks", ws -> wire(ws, Dialect.SYMBOLS, "/ws/stocks", null));
        app.ws("/ws/indices/all", ws -> wire(ws, Dialect.SYMBOLS, "/ws/indices/all", InstrumentClass.INDEX));
        app.ws("/ws/stocks/nse/all", ws -> wire(ws, Dialect.SYMBOLS, "/ws/stocks/nse/all", InstrumentClass.STOCK));
    }

    /** Refuses new connections and closes every open one with 1001. */
    public void closeAll(String reason) {
        accepting = false;
        for (ClientSession s : hub.sessions()) {
            s.out().close(CLOSE_GOING_AWAY, reason);
        }
    }

    private void wire(WsConfig ws, Dialect dialect, String endpoint, InstrumentClass all) {
        ws.onConnect(ctx -> connect(ctx, dialect, endpoint, all));
        ws.onMessage(ctx -> {
            ClientSession s = bySocket.get(ctx.sessionId());
            if (s != null) {
                onText(s, ctx.message());
            }
        });
        ws.onBinaryMessage(ctx -> {
            ClientSession s = bySocket.get(ctx.sessionId());
            if (s != null) {
                hub.counters().badMessages.increment();
                s.out().control(dialect == Dialect.SYMBOLS ? SymbolsProtocol.error("Invalid JSON format: binary frames are not accepted")
                        : TicksProtocol.error("Invalid JSON message"));
            }
        });
        ws.onClose(ctx -> disconnect(ctx, ctx.status(), ctx.reason()));
        ws.onError(ctx -> {
            if (ctx.error() instanceof MessageTooLargeException) {
                // Past four times the limit Jetty refuses the message itself and closes with 1009, before onText.
                hub.counters().limitHit("message_size");
            }
            disconnect(ctx, 1011, String.valueOf(ctx.error()));
        });
    }

    private void onText(ClientSession s, String text) {
        if (tooLarge(text)) {
            hub.counters().limitHit("message_size");
            String m = "Message too large: limit is " + hub.limits().maxMessageBytes() + " bytes";
            s.out().control(s.dialect() == Dialect.SYMBOLS ? SymbolsProtocol.error(m) : TicksProtocol.error(m));
            return;
        }
        if (s.dialect() == Dialect.SYMBOLS) {
            symbols.onMessage(s, text);
        } else {
            ticks.onMessage(s, text);
        }
    }

    private void connect(WsContext ctx, Dialect dialect, String endpoint, InstrumentClass all) {
        if (!accepting) {
            ctx.closeSession(CLOSE_GOING_AWAY, "Server shutting down");
            return;
        }
        String origin = ctx.header("Origin");
        List<String> origins = hub.limits().allowedOrigins();
        if (!origins.isEmpty() && (origin == null || !origins.contains(origin))) {
            hub.counters().limitHit("origin");
            ctx.closeSession(CLOSE_POLICY, "Origin not allowed");
            return;
        }
        Principal user;
        try {
            user = auth.authenticate(bearer(ctx), ctx.header("X-API-Key"));
        } catch (AuthenticationException e) {
            hub.counters().authFailures.increment();
            LOG.info("websocket refused on {}: {}", endpoint, e.getMessage());
            ctx.closeSession(CLOSE_POLICY, e.getMessage());
            return;
        }
        String address = address(ctx.session.getRemoteAddress());
        if (!hub.admit(address)) {
            ctx.closeSession(CLOSE_POLICY, "Too many connections from this address (limit "
                    + hub.limits().maxConnectionsPerIp() + ")");
            return;
        }
        ctx.session.setIdleTimeout(idleTimeout);
        ClientSession s = hub.open(dialect, endpoint, user, address, new JettyTransport(ctx.session));
        bySocket.put(ctx.sessionId(), s);
        LOG.debug("client {} connected to {} from {}", s.id(), endpoint, address);
        // Frame options (format, batch, delta) come with the connect URL in every dialect, before any tick is sent.
        String problem = ticks.negotiate(s, ctx.queryParamMap());
        if (dialect == Dialect.SYMBOLS) {
            if (problem != null) {
                s.out().control(SymbolsProtocol.error(problem));
            }
            if (all != null) {
                hub.streamAll(s, all);
            }
        } else {
            s.out().control(connected(s));
            if (problem != null) {
                s.out().control(TicksProtocol.error(problem));
            }
        }
    }

    /** Whether a client message is over the limit in UTF-8 bytes; encodes only when its length leaves doubt. */
    private boolean tooLarge(String text) {
        int limit = hub.limits().maxMessageBytes();
        if (text.length() > limit) {
            return true;
        }
        return (long) text.length() * 3 > limit && text.getBytes(StandardCharsets.UTF_8).length > limit;
    }

    private void disconnect(WsContext ctx, int status, String reason) {
        ClientSession s = bySocket.remove(ctx.sessionId());
        if (s != null) {
            hub.close(s);
            s.out().close(status, reason);
            LOG.debug("client {} disconnected: {} {}", s.id(), status, reason);
        }
    }

    private static String bearer(WsContext ctx) {
        String q = ctx.queryParam("token");
        if (q != null && !q.isBlank()) {
            return q;
        }
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7);
        }
        return null;
    }

    static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) {
            return i.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }

    private static String connected(ClientSession s) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", s.user().subject());
        user.put("email", s.user().email());
        user.put("name", s.user().name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "connected");
        m.put("connection_id", s.id());
        m.put("user", user);
        m.put("timestamp", java.time.Instant.ofEpochMilli(s.connectedAt()));
        return Hub.json(m);
    }
}
