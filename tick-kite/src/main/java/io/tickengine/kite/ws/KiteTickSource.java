package io.tickengine.kite.ws;

import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.kite.parse.KiteFrameParser;
import io.tickengine.kite.ws.internal.Backoff;
import io.tickengine.kite.ws.internal.Counters;
import io.tickengine.kite.ws.internal.ExponentialBackoff;
import io.tickengine.kite.ws.internal.FrameDelivery;
import io.tickengine.kite.ws.internal.KiteSocket;
import io.tickengine.kite.ws.internal.SubscriptionBook;
import io.tickengine.kite.ws.internal.SubscriptionDiff;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kite's market data WebSocket as a {@link TickSource}: one connection of up to 3000 instruments that
 * keeps itself alive. A watchdog reconnects when nothing (heartbeats included) arrived for a while;
 * reconnects back off exponentially and resubscribe every instrument in its mode; HTTP 403 ends in
 * {@link SourceState#AUTH_FAILED} without retries, and a used-up retry budget in
 * {@link SourceState#FAILED}.
 *
 * <p>Ticks reach the listener on the socket's read thread, which runs nothing else of the user's: the
 * listener must return quickly and never block, or the connection stalls. Status changes arrive on the
 * source's control thread. All methods are thread-safe.
 */
public final class KiteTickSource implements TickSource {
    private static final Logger LOG = LoggerFactory.getLogger(KiteTickSource.class);
    private static final long CLOSE_GRACE_MILLIS = 1000;
    private static final int HTTP_FORBIDDEN = 403;

    private final KiteOptions options;
    private final String name;
    private final SubscriptionBook book;
    private final Counters counters = new Counters();
    private final ScheduledThreadPoolExecutor control;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    private final long watchdogNanos;
    private volatile SourceStatus status;
    private volatile Thread controlThread;
    private volatile Attempt current;
    private volatile TickListener listener;
    // Owned by the control thread.
    private final Backoff backoff;
    private FrameDelivery delivery;
    private Map<Long, TickMode> applied = Map.of();
    private boolean everOpened;
    private int reconnectAttempt;

    private KiteTickSource(KiteOptions options) {
        this.options = options;
        this.name = options.name();
        this.book = new SubscriptionBook(options.maxInstruments());
        this.watchdogNanos = options.watchdogTimeout().toNanos();
        this.backoff = new ExponentialBackoff(options.reconnectInitialDelay().toMillis(), options.reconnectMultiplier(),
                options.reconnectMaxDelay().toMillis(), options.maxReconnectAttempts());
        this.control = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tickengine-" + name + "-control");
            t.setDaemon(true);
            controlThread = t;
            return t;
        });
        control.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        control.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.status = new SourceStatus(name, SourceState.NEW, "", options.parserOptions().clock().millis());
    }

    /** A source with these options; it does nothing until {@link #start}. */
    public static KiteTickSource create(KiteOptions options) {
        return new KiteTickSource(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String name() {
        return name;
    }

    /** The options this source runs with. */
    public KiteOptions options() {
        return options;
    }

    @Override
    public void start(TickListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw new IllegalStateException(name + " is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " is already started");
        }
        this.listener = listener;
        post(() -> {
            delivery = new FrameDelivery(name, listener, counters, options.parserOptions().clock());
            setStatus(SourceState.CONNECTING, "connecting to " + options.url());
            connect();
        });
        long period = Math.max(10, options.watchdogTimeout().toMillis() / 4);
        try {
            control.scheduleWithFixedDelay(() -> guard(this::checkWatchdog), period, period, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed while starting", name);
        }
    }

    /**
     * Subscribes instruments in a mode (switching those already subscribed); the server follows soon,
     * and again after every reconnect.
     *
     * @throws TooManyInstrumentsException when the connection would carry more than its limit; nothing changes
     */
    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        book.subscribe(instrumentTokens, mode);
        requestSync();
    }

    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
        book.unsubscribe(instrumentTokens);
        requestSync();
    }

    /** The subscriptions this source wants, token to mode; the server matches them while connected. */
    public Map<Long, TickMode> subscriptions() {
        return book.snapshot();
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    /** The counters, for monitoring. */
    public KiteStats stats() {
        return counters.snapshot(status.state());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Runnable stop = () -> {
            Attempt a = current;
            current = null;
            if (a != null) {
                a.socket.closeGracefully(CLOSE_GRACE_MILLIS);
            }
            setStatus(SourceState.STOPPED, "closed");
            LOG.info("{}: closed", name);
        };
        if (!started.get() || Thread.currentThread() == controlThread) {
            stop.run();
            control.shutdown();
            return;
        }
        try {
            control.submit(stop).get(CLOSE_GRACE_MILLIS * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("{}: did not close cleanly: {}", name, e.toString());
            setStatus(SourceState.STOPPED, "closed");
        }
        control.shutdown();
    }

    private void connect() {
        if (closed.get()) {
            return;
        }
        long attempt = counters.connectAttempt();
        Attempt a = new Attempt();
        current = a;
        LOG.info("{}: connecting to {} (connection attempt {})", name, options.url(), attempt);
        try {
            a.socket.connect();
        } catch (RuntimeException e) {
            ended(a, CloseFrame.NEVER_CONNECTED, e.toString());
        }
    }

    private void opened(Attempt a) {
        if (a != current || closed.get()) {
            return;
        }
        a.open = true;
        a.lastActivityNanos = System.nanoTime();
        backoff.reset();
        reconnectAttempt = 0;
        if (everOpened) {
            counters.reconnected();
        }
        everOpened = true;
        applied = Map.of();
        setStatus(SourceState.CONNECTED, "connected to " + options.url());
        LOG.info("{}: connected to {}", name, options.url());
        sync();
    }

    private void ended(Attempt a, int code, String reason) {
        if (a != current) {
            return;
        }
        current = null;
        if (closed.get()) {
            return;
        }
        String why = "code " + code + (reason == null || reason.isEmpty() ? "" : ", " + redact(reason));
        if (a.socket.handshakeStatus(reason) == HTTP_FORBIDDEN) {
            setStatus(SourceState.AUTH_FAILED, "Kite refused the api key or access token (HTTP 403); "
                    + "a new access token is needed, no retries");
            LOG.error("{}: handshake refused with HTTP 403: bad api key or expired access token; not retrying", name);
            return;
        }
        long delay = backoff.nextDelayMillis();
        if (delay < 0) {
            setStatus(SourceState.FAILED, "gave up after " + options.maxReconnectAttempts()
                    + " reconnect attempts; last: " + why);
            LOG.error("{}: gave up after {} reconnect attempts; last: {}", name, options.maxReconnectAttempts(), why);
            return;
        }
        reconnectAttempt++;
        String detail = (a.open ? "connection lost" : "connection failed") + " (" + why + "); reconnect attempt "
                + reconnectAttempt + " of " + options.maxReconnectAttempts() + " in " + delay + " ms";
        setStatus(SourceState.RECONNECTING, detail);
        LOG.warn("{}: {}", name, detail);
        try {
            control.schedule(() -> guard(this::connect), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed before reconnecting", name);
        }
    }

    private void checkWatchdog() {
        Attempt a = current;
        if (a == null || closed.get()) {
            return;
        }
        long silentNanos = System.nanoTime() - a.lastActivityNanos;
        if (silentNanos < watchdogNanos) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(silentNanos);
        counters.watchdogClosed();
        LOG.warn("{}: nothing received for {} ms (watchdog {} ms); closing the connection", name, silentMillis,
                options.watchdogTimeout().toMillis());
        String reason = "watchdog: nothing received for " + silentMillis + " ms";
        a.socket.abort(reason);
        ended(a, CloseFrame.ABNORMAL_CLOSE, reason);
    }

    private void requestSync() {
        if (started.get() && syncQueued.compareAndSet(false, true)) {
            post(() -> {
                syncQueued.set(false);
                sync();
            });
        }
    }

    private void sync() {
        Attempt a = current;
        if (a == null || !a.open || closed.get()) {
            return;
        }
        Map<Long, TickMode> desired = book.snapshot();
        List<KiteCommand> commands = SubscriptionDiff.between(applied, desired);
        if (commands.isEmpty()) {
            return;
        }
        try {
            for (KiteCommand c : commands) {
                a.socket.send(c.toJson());
            }
            applied = desired;
            LOG.info("{}: {} instruments subscribed (sent {})", name, desired.size(), summary(commands));
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("{}: connection closed while subscribing; the next connection sends everything", name);
        }
    }

    private static String summary(List<KiteCommand> commands) {
        StringBuilder sb = new StringBuilder();
        for (KiteCommand c : commands) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.action().wireName());
            if (c.mode() != null) {
                sb.append(' ').append(KiteCommand.modeName(c.mode()));
            }
            sb.append(' ').append(c.tokens().size());
        }
        return sb.toString();
    }

    private void setStatus(SourceState state, String detail) {
        SourceStatus s = new SourceStatus(name, state, detail, options.parserOptions().clock().millis());
        status = s;
        TickListener l = listener;
        if (l != null) {
            try {
                l.onStatus(s);
            } catch (RuntimeException e) {
                LOG.warn("{}: the listener threw on a status change", name, e);
            }
        }
    }

    private void post(Runnable task) {
        try {
            control.execute(() -> guard(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed; event dropped", name);
        }
    }

    private void guard(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected error on the control thread", name, e);
        }
    }

    private URI credentialUri() {
        return URI.create(options.url() + "?api_key=" + encode(options.apiKey()) + "&access_token="
                + encode(options.accessToken()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String redact(String s) {
        return s.replace(options.accessToken(), "****").replace(encode(options.accessToken()), "****");
    }

    /** One connection attempt: its socket, its parser and its liveness clock. */
    private final class Attempt implements KiteSocket.Handler {
        final KiteSocket socket;
        final KiteFrameParser parser = new KiteFrameParser(options.parserOptions());
        final FrameDelivery frames = delivery;
        volatile long lastActivityNanos = System.nanoTime();
        boolean open;

        Attempt() {
            int connectTimeout = (int) Math.min(Integer.MAX_VALUE, options.watchdogTimeout().toMillis());
            socket = KiteSocket.create(credentialUri(), Map.of("X-Kite-Version", "3"), connectTimeout, this);
        }

        @Override
        public void opened(KiteSocket s) {
            lastActivityNanos = System.nanoTime();
            post(() -> KiteTickSource.this.opened(this));
        }

        @Override
        public void binary(KiteSocket s, ByteBuffer frame) {
            lastActivityNanos = System.nanoTime();
            if (current == this) {
                frames.binary(parser, frame);
            }
        }

        @Override
        public void text(KiteSocket s, String text) {
            lastActivityNanos = System.nanoTime();
            if (current == this) {
                frames.text(text);
            }
        }

        @Override
        public void closed(KiteSocket s, int code, String reason, boolean remote) {
            post(() -> ended(this, code, reason));
        }

        @Override
        public void failed(KiteSocket s, Exception error) {
            LOG.debug("{}: socket error: {}", name, redact(String.valueOf(error)));
        }
    }
}
