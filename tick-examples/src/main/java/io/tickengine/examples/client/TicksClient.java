package io.tickengine.examples.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tickengine.core.source.Backoff;
import io.tickengine.core.source.ReconnectPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Java client of the server's seed 004 {@code /ws/ticks} API on the JDK's WebSocket: it keeps the
 * instruments it was asked for, reconnects after a dropped connection with the core {@link ReconnectPolicy}
 * and subscribes to them again once the server says {@code connected}. A close for a policy violation
 * (1008: bad token, origin, limits) is final. All sends and reconnects run on one private thread.
 */
public final class TicksClient implements AutoCloseable {
    /** What the client reports; called on the WebSocket's threads, so return quickly. */
    public interface Listener {
        /** Each tick's {@code data} object. */
        void onTick(JsonNode data);

        /** The server accepted the connection ({@code connected} message). */
        default void onConnected(String connectionId) {
        }

        /** The connection ended; the client reconnects unless {@code willReconnect} is false. */
        default void onDisconnected(int code, String reason, boolean willReconnect) {
        }

        /** An {@code error} message from the server. */
        default void onError(String message) {
        }

        /** The client stopped reconnecting: its {@link ReconnectPolicy} ran out after {@code attempts} tries. */
        default void onGaveUp(int attempts) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TicksClient.class);
    private static final int CLOSE_POLICY = 1008;

    private final URI uri;
    private final Listener listener;
    private final Backoff backoff;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final ScheduledThreadPoolExecutor worker;
    private final Set<Long> wanted = new LinkedHashSet<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger failedConnects = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The open socket; worker thread only, like {@code ready}. */
    private WebSocket socket;
    /** Whether the server said {@code connected} on this socket, so a subscribe may be sent now. */
    private boolean ready;
    private volatile boolean closed;
    private volatile Thread workerThread;

    private TicksClient(URI uri, Listener listener, ReconnectPolicy policy) {
        this.uri = uri;
        this.listener = listener;
        this.backoff = policy.newBackoff();
        this.worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ticks-client");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
        // A reconnect waiting for its backoff must not hold close() up.
        this.worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts a client of {@code ws://host:port/ws/ticks}; it connects in the background.
     *
     * @param jwt the bearer token, or null when the server runs without auth
     */
    public static TicksClient start(URI ticksUri, String jwt, ReconnectPolicy policy, Listener listener) {
        Objects.requireNonNull(ticksUri, "ticksUri");
        URI uri = jwt == null ? ticksUri : URI.create(ticksUri + (ticksUri.getQuery() == null ? "?" : "&") + "token="
                + URLEncoder.encode(jwt, StandardCharsets.UTF_8));
        TicksClient c = new TicksClient(uri, Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(policy, "policy"));
        c.onWorker(c::connect);
        return c;
    }

    /** Adds instruments; sent now when connected, else once the server says {@code connected}, and after every reconnect. */
    public void subscribe(Collection<Long> tokens) {
        List<Long> copy = List.copyOf(tokens);
        onWorker(() -> {
            wanted.addAll(copy);
            if (ready) {
                send(action("subscribe", copy));
            }
        });
    }

    /** Removes instruments. */
    public void unsubscribe(Collection<Long> tokens) {
        List<Long> copy = List.copyOf(tokens);
        onWorker(() -> {
            copy.forEach(wanted::remove);
            if (ready) {
                send(action("unsubscribe", copy));
            }
        });
    }

    /** Connection attempts that failed before the WebSocket opened, so far. */
    public int failedConnects() {
        return failedConnects.get();
    }

    /** Connections the server accepted so far (1 plus successful reconnects). */
    public int connections() {
        return connections.get();
    }

    private void connect() {
        if (closed) {
            return;
        }
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new Socket())
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        failedConnects.incrementAndGet();
                        LOG.info("ticks client: connect to {} failed: {}", uri.getHost() + ":" + uri.getPort(), failure.toString());
                        onWorker(this::retry);
                    }
                });
    }

    /** Runs a task on the worker; dropped once the client is closed. */
    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException closedAlready) {
            LOG.debug("ticks client: closed, task dropped");
        }
    }

    /** On the worker thread only, like every use of the backoff. */
    private void retry() {
        if (closed) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        if (delay == Backoff.EXHAUSTED) {
            LOG.warn("ticks client: giving up after {} attempts", backoff.attempts());
            listener.onGaveUp(backoff.attempts());
            return;
        }
        worker.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void onConnected(String connectionId) {
        backoff.reset();
        connections.incrementAndGet();
        ready = true;
        if (!wanted.isEmpty()) {
            send(action("subscribe", new ArrayList<>(wanted)));
        }
        listener.onConnected(connectionId);
    }

    /** On the worker thread only. */
    private void send(String text) {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return;
        }
        try {
            ws.sendText(text, true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.info("ticks client: send failed: {}", e.toString());
        }
    }

    private static String action(String action, List<Long> tokens) {
        return "{\"action\":\"" + action + "\",\"tokens\":" + tokens + "}";
    }

    /**
     * Closes the connection and stops reconnecting; waits up to 5 s for the close to be sent, except when
     * called from a listener on the client's own thread ({@link Listener#onGaveUp}). Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        onWorker(() -> {
            WebSocket ws = socket;
            if (ws != null && !ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
        });
        worker.shutdown();
        if (Thread.currentThread() == workerThread) {
            return; // waiting here would wait for this very call to return
        }
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Socket implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private boolean ended;

        @Override
        public void onOpen(WebSocket ws) {
            if (closed) {
                ws.abort(); // a connect that was under way when the client closed
                return;
            }
            onWorker(() -> {
                socket = ws;
                ready = false;
            });
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text);
            }
            ws.request(1);
            return null;
        }

        private void handle(String text) {
            JsonNode m;
            try {
                m = mapper.readTree(text);
            } catch (Exception e) {
                LOG.info("ticks client: unreadable message ({} chars)", text.length());
                return;
            }
            switch (m.path("type").asText()) {
                case "tick" -> listener.onTick(m.get("data"));
                case "ticks" -> m.path("data").forEach(listener::onTick);
                case "connected" -> {
                    String id = m.path("connection_id").asText();
                    onWorker(() -> onConnected(id));
                }
                case "error" -> listener.onError(m.path("message").asText());
                default -> { }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            ended(code, reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended(1006, String.valueOf(error));
        }

        private synchronized void ended(int code, String reason) {
            if (ended) {
                return;
            }
            ended = true;
            boolean again = !closed && code != CLOSE_POLICY;
            LOG.info("ticks client: disconnected {} {}{}", code, reason, again ? "; reconnecting" : "");
            onWorker(() -> ready = false);
            listener.onDisconnected(code, reason, again);
            if (again) {
                onWorker(TicksClient.this::retry);
            }
        }
    }
}
