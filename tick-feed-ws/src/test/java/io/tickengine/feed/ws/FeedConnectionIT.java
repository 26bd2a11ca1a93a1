package io.tickengine.feed.ws;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.sim.HandshakeRejection;
import io.tickengine.feed.ws.sim.SimLink;
import io.tickengine.feed.ws.sim.SimPeer;
import io.tickengine.feed.ws.sim.SimProtocol;
import io.tickengine.feed.ws.sim.SimSocketServer;
import io.tickengine.feed.ws.testing.RecordingListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared connection loop on its own, against a real loopback {@link SimSocketServer} that speaks a
 * minimal text protocol: subscriptions as diffs, resubscribe after a drop, the watchdog, client pings,
 * auth refusal without retries, refused handshakes retried, the retry budget, and frames handled per
 * attempt. The Kite and Angel One suites cover the same loop through their own protocols.
 */
class FeedConnectionIT {
    private static final String KEY = "secret-key-1234";

    private final EchoSim sim = new EchoSim();
    private final Map<Long, String> desired = new ConcurrentHashMap<>();
    private final FeedCounters counters = new FeedCounters();
    private final RecordingListener listener = new RecordingListener();
    private final List<FrameLog> handlers = new CopyOnWriteArrayList<>();
    private SimSocketServer<EchoSession> server;
    private FeedConnection<String> connection;
    private int port;

    @AfterEach
    void closeAll() {
        if (connection != null) {
            connection.stop();
        }
        if (server != null) {
            server.stopQuietly();
        }
    }

    @Test
    void subscribesAsDiffsAndResubscribesEverythingAfterADrop() {
        startServer();
        desired.put(1L, "full");
        desired.put(2L, "ltp");
        connect(KEY, Duration.ofSeconds(5), Duration.ZERO, 0);
        awaitState(SourceState.CONNECTED);
        await("first subscription").until(() -> sim.texts().contains("+1:full,+2:ltp"));

        desired.remove(2L);
        desired.put(3L, "quote");
        connection.requestSync();
        await("diff").until(() -> sim.texts().contains("+3:quote,-2"));
        assertThat(sim.texts()).as("only the change is sent").containsExactly("+1:full,+2:ltp", "+3:quote,-2");

        server.dropAll("test drop");
        await("resubscribed on the new connection").until(() -> sim.texts().size() == 3);
        assertThat(sim.texts().get(2)).as("a new connection gets everything desired").isEqualTo("+1:full,+3:quote");
        awaitState(SourceState.CONNECTED);
        assertThat(listener.saw(SourceState.RECONNECTING)).isTrue();
        assertThat(counters.reconnects()).isEqualTo(1);
        assertThat(counters.connectAttempts()).isEqualTo(2);
    }

    @Test
    void framesGoToAHandlerOfTheirOwnAttempt() {
        startServer();
        connect(KEY, Duration.ofSeconds(5), Duration.ZERO, 0);
        awaitState(SourceState.CONNECTED);
        await("an open session").until(() -> server.sessions().size() == 1);
        server.broadcast(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        await("first frame").until(() -> handlers.get(0).binaries.size() == 1);

        server.dropAll("test drop");
        await("second attempt open").until(() -> handlers.size() == 2 && server.sessions().size() == 1);
        awaitState(SourceState.CONNECTED);
        server.broadcast(ByteBuffer.wrap(new byte[] {4}));
        await("second frame").until(() -> handlers.get(1).binaries.size() == 1);

        assertThat(handlers.get(0).binaries).containsExactly(3);
        assertThat(handlers.get(1).binaries).as("a new attempt decodes with a new handler").containsExactly(1);
    }

    @Test
    void watchdogClosesASilentConnectionAndReconnects() {
        startServer();
        connect(KEY, Duration.ofMillis(500), Duration.ZERO, 0);
        awaitState(SourceState.CONNECTED);
        await("an open session").until(() -> server.sessions().size() == 1);
        server.stallAll();

        await("watchdog").until(() -> counters.watchdogCloses() >= 1);
        await("reconnected").until(() -> counters.reconnects() >= 1);
        assertThat(listener.statuses()).anyMatch(s -> s.state() == SourceState.RECONNECTING
                && s.detail().contains("watchdog"));
    }

    @Test
    void pingsAtTheProtocolsIntervalKeepAQuietConnectionAlive() {
        startServer();
        connect(KEY, Duration.ofSeconds(3), Duration.ofMillis(50), 0);
        awaitState(SourceState.CONNECTED);

        await("pings").until(() -> sim.pings.get() >= 10);
        assertThat(counters.watchdogCloses()).as("pongs count as life").isZero();
        assertThat(counters.connectAttempts()).isEqualTo(1);
        assertThat(handlers.get(0).texts).contains("pong");
    }

    @Test
    void authRefusalStopsWithoutRetryingAndNeverShowsTheSecret() {
        startServer();
        connect("wrong-key-99999", Duration.ofSeconds(5), Duration.ZERO, 0);
        awaitState(SourceState.AUTH_FAILED);

        SourceStatus status = connection.status();
        assertThat(status.detail()).contains("HTTP 401").contains("Invalid key").doesNotContain("wrong-key-99999");
        assertThat(server.handshakes()).as("no retry after an auth refusal").isEqualTo(1);
        assertThat(counters.connectAttempts()).isEqualTo(1);
    }

    @Test
    void refusedHandshakesThatAreNotAuthAreRetried() {
        startServer();
        server.rejectNext(2);
        connect(KEY, Duration.ofSeconds(5), Duration.ZERO, 0);
        awaitState(SourceState.CONNECTED);

        assertThat(server.handshakes()).isEqualTo(3);
        assertThat(counters.connectAttempts()).isEqualTo(3);
        assertThat(listener.statuses()).filteredOn(s -> s.state() == SourceState.RECONNECTING).hasSize(2)
                .allMatch(s -> s.detail().contains("connection failed"));
    }

    @Test
    void givesUpWhenTheRetryBudgetIsSpent() {
        port = freePort();
        connect(KEY, Duration.ofSeconds(2), Duration.ZERO, 2);
        awaitState(SourceState.FAILED);

        assertThat(connection.status().detail()).startsWith("gave up after 2 reconnect attempts");
        assertThat(counters.connectAttempts()).isEqualTo(3);
    }

    @Test
    void stopClosesTheConnectionAndIsIdempotent() {
        startServer();
        connect(KEY, Duration.ofSeconds(5), Duration.ZERO, 0);
        awaitState(SourceState.CONNECTED);
        await("an open session").until(() -> server.sessions().size() == 1);

        connection.stop();
        connection.stop();

        assertThat(connection.status().state()).isEqualTo(SourceState.STOPPED);
        await("server saw the close").until(() -> server.sessions().isEmpty());
        assertThat(listener.statuses()).filteredOn(s -> s.state() == SourceState.STOPPED).hasSize(1);
    }

    private void startServer() {
        if (port == 0) {
            port = freePort();
        }
        server = new SimSocketServer<>(new InetSocketAddress("127.0.0.1", port), sim, 2);
        server.startAndAwait("echo simulator", 10);
    }

    private void connect(String key, Duration watchdog, Duration ping, int maxAttempts) {
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(20))
                .maxDelay(Duration.ofMillis(100)).maxAttempts(maxAttempts).build();
        FeedSettings settings = new FeedSettings("echo", URI.create("ws://127.0.0.1:" + port + "/feed"), watchdog,
                policy);
        connection = new FeedConnection<>(new EchoProtocol(settings, key, ping), counters, Clock.system());
        connection.start(listener, l -> () -> {
            FrameLog log = new FrameLog();
            handlers.add(log);
            return log;
        });
    }

    private void awaitState(SourceState state) {
        await("state " + state).until(() -> connection.status().state() == state);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client side: {@code x-key} header, diffs as "+token:mode" and "-token", secrets masked. */
    private final class EchoProtocol implements FeedProtocol<String> {
        private final FeedSettings settings;
        private final String key;
        private final Duration ping;

        EchoProtocol(FeedSettings settings, String key, Duration ping) {
            this.settings = settings;
            this.key = key;
            this.ping = ping;
        }

        @Override
        public FeedSettings settings() {
            return settings;
        }

        @Override
        public URI uri() {
            return settings.url();
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("x-key", key);
        }

        @Override
        public Duration pingInterval() {
            return ping;
        }

        @Override
        public AuthFailure authFailure(HandshakeResponse response, String closeReason) {
            if (response.statusOr(closeReason) != 401) {
                return null;
            }
            String why = redact(response.header("x-error-message"));
            return new AuthFailure("refused (HTTP 401): " + why, "HTTP 401: " + why);
        }

        @Override
        public Map<Long, String> desired() {
            return new TreeMap<>(desired);
        }

        @Override
        public SyncPlan plan(Map<Long, String> applied, Map<Long, String> wanted) {
            List<String> parts = new ArrayList<>();
            new TreeMap<>(wanted).forEach((token, mode) -> {
                if (!mode.equals(applied.get(token))) {
                    parts.add("+" + token + ":" + mode);
                }
            });
            new TreeMap<>(applied).keySet().stream().filter(t -> !wanted.containsKey(t)).forEach(t -> parts.add("-" + t));
            return new SyncPlan(parts.isEmpty() ? List.of() : List.of(String.join(",", parts)), parts.size() + " changes");
        }

        @Override
        public String redact(String text) {
            return text == null ? "" : text.replace(key, "***");
        }
    }

    /** What one attempt's handler saw. */
    private static final class FrameLog implements FrameHandler {
        final List<Integer> binaries = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        public void binary(ByteBuffer frame) {
            binaries.add(frame.remaining());
        }

        @Override
        public void text(String text) {
            texts.add(text);
        }
    }

    private record EchoSession(SimLink link) implements SimPeer {
    }

    /** The server side: checks {@code x-key}, records subscription messages, answers "ping" with "pong". */
    private static final class EchoSim implements SimProtocol<EchoSession> {
        private final List<String> texts = new CopyOnWriteArrayList<>();
        final AtomicInteger pings = new AtomicInteger();

        List<String> texts() {
            return texts;
        }

        @Override
        public HandshakeRejection check(ClientHandshake request) {
            if (KEY.equals(request.getFieldValue("x-key"))) {
                return null;
            }
            return new HandshakeRejection(401, "Unauthorized", "bad key", Map.of("x-error-message", "Invalid key"),
                    "bad key");
        }

        @Override
        public String key(ClientHandshake request) {
            return request.getFieldValue("x-key");
        }

        @Override
        public HandshakeRejection tooManyConnections(int max) {
            return HandshakeRejection.of(429, "Too Many Requests", "at most " + max, "too many connections");
        }

        @Override
        public EchoSession open(SimLink link) {
            return new EchoSession(link);
        }

        @Override
        public void text(EchoSession session, String message) {
            if (message.equals("ping")) {
                pings.incrementAndGet();
                SimLink.send(session.link().connection(), "pong");
            } else {
                texts.add(message);
            }
        }

        @Override
        public void binary(WebSocket conn, ByteBuffer message) {
            SimLink.send(conn, "{\"error\":\"binary not accepted\"}");
        }
    }
}
