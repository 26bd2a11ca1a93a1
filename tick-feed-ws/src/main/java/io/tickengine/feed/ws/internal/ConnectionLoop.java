package io.tickengine.feed.ws.internal;

import io.tickengine.core.source.Backoff;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.source.SourceState;
import io.tickengine.feed.ws.AuthFailure;
import io.tickengine.feed.ws.ConnectionCounters;
import io.tickengine.feed.ws.FeedProtocol;
import io.tickengine.feed.ws.FeedSettings;
import io.tickengine.feed.ws.FrameHandler;
import io.tickengine.feed.ws.SyncPlan;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a feed connection, run on one control thread so that state changes never race: connect,
 * apply the desired subscriptions as a diff, ping when the protocol asks, watch for silence, back off and
 * reconnect, or stop for good when the protocol reads the refusal as an auth failure or when the retry
 * budget is spent. Socket threads only post events to it and hand frames to the attempt's handler.
 *
 * @param <T> what the feed keeps per subscribed key
 */
public final class ConnectionLoop<T> {
    /** Receives state changes, on the control thread. */
    @FunctionalInterface
    public interface StatusSink {
        /** The source moved to {@code state} for the reason in {@code detail}. */
        void status(SourceState state, String detail);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);
    private static final long CLOSE_GRACE_MILLIS = 1000;

    private final FeedProtocol<T> protocol;
    private final FeedSettings settings;
    private final String name;
    private final ConnectionCounters counters;
    private final StatusSink statusSink;
    private final ScheduledThreadPoolExecutor control;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    private final long watchdogNanos;
    private volatile Thread controlThread;
    private volatile Attempt current;
    // Owned by the control thread.
    private final Backoff backoff;
    private Supplier<FrameHandler> frames;
    private Map<Long, T> applied = Map.of();
    private boolean everOpened;
    private int reconnectAttempt;

    /** A loop that has not started. */
    public ConnectionLoop(FeedProtocol<T> protocol, ConnectionCounters counters, StatusSink statusSink) {
        this.protocol = protocol;
        this.settings = protocol.settings();
        this.name = settings.name();
        this.counters = counters;
        this.statusSink = statusSink;
        this.watchdogNanos = settings.watchdogTimeout().toNanos();
        this.backoff = settings.reconnectPolicy().newBackoff();
        this.control = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tickengine-" + name + "-control");
            t.setDaemon(true);
            controlThread = t;
            return t;
        });
        control.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        control.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Connects in the background and keeps connected, each attempt decoding with a new handler; once only. */
    public void start(Supplier<FrameHandler> frameHandlers) {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + (closed.get() ? " is closed" : " is already started"));
        }
        post(() -> {
            frames = frameHandlers;
            statusSink.status(SourceState.CONNECTING, "connecting to " + settings.url());
            connect();
        });
        long watchdogPeriod = Math.max(10, settings.watchdogTimeout().toMillis() / 4);
        long pingPeriod = protocol.pingInterval().toMillis();
        try {
            control.scheduleWithFixedDelay(() -> guard(this::checkWatchdog), watchdogPeriod, watchdogPeriod,
                    TimeUnit.MILLISECONDS);
            if (pingPeriod > 0) {
                control.scheduleWithFixedDelay(() -> guard(this::ping), pingPeriod, pingPeriod, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed while starting", name);
        }
    }

    /** Asks the control thread to make the server match the desired subscriptions; cheap, coalesced. */
    public void requestSync() {
        if (started.get() && syncQueued.compareAndSet(false, true)) {
            post(() -> {
                syncQueued.set(false);
                sync();
            });
        }
    }

    /** Closes the connection (politely, then abruptly after a grace period) and stops; idempotent. */
    public void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Runnable stop = () -> {
            Attempt a = current;
            current = null;
            if (a != null) {
                a.socket.closeGracefully(CLOSE_GRACE_MILLIS);
            }
            statusSink.status(SourceState.STOPPED, "closed");
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
            statusSink.status(SourceState.STOPPED, "closed");
        }
        control.shutdown();
    }

    private void connect() {
        if (closed.get()) {
            return;
        }
        long attempt = counters.connectAttempt();
        Attempt a = new Attempt(this, protocol, frames.get());
        current = a;
        LOG.info("{}: connecting to {} (connection attempt {})", name, protocol.target(), attempt);
        try {
            a.socket.connect();
        } catch (RuntimeException e) {
            ended(a, CloseFrame.NEVER_CONNECTED, e.toString());
        }
    }

    /** The attempt's handshake succeeded (control thread). */
    void opened(Attempt a) {
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
        statusSink.status(SourceState.CONNECTED, "connected to " + settings.url());
        LOG.info("{}: connected to {}", name, settings.url());
        sync();
    }

    /** The attempt's connection ended or never opened (control thread). */
    void ended(Attempt a, int code, String reason) {
        if (a != current) {
            return;
        }
        current = null;
        if (closed.get()) {
            return;
        }
        AuthFailure auth = protocol.authFailure(a.socket.handshake(), reason);
        if (auth != null) {
            statusSink.status(SourceState.AUTH_FAILED, auth.detail());
            LOG.error("{}: handshake refused with {}; not retrying", name, auth.log());
            return;
        }
        String why = "code " + code + (reason == null || reason.isEmpty() ? "" : ", " + redact(reason));
        long delay = backoff.nextDelayMillis();
        int maxAttempts = settings.reconnectPolicy().maxAttempts();
        if (delay == Backoff.EXHAUSTED) {
            statusSink.status(SourceState.FAILED, "gave up after " + maxAttempts + " reconnect attempts; last: " + why);
            LOG.error("{}: gave up after {} reconnect attempts; last: {}", name, maxAttempts, why);
            return;
        }
        reconnectAttempt++;
        String of = maxAttempts == ReconnectPolicy.UNLIMITED_ATTEMPTS ? "" : " of " + maxAttempts;
        String detail = (a.open ? "connection lost" : "connection failed") + " (" + why + "); reconnect attempt "
                + reconnectAttempt + of + " in " + delay + " ms";
        statusSink.status(SourceState.RECONNECTING, detail);
        LOG.warn("{}: {}", name, detail);
        try {
            control.schedule(() -> guard(this::connect), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed before reconnecting", name);
        }
    }

    private void ping() {
        Attempt a = current;
        if (a == null || !a.open || closed.get()) {
            return;
        }
        try {
            a.socket.send(protocol.pingMessage());
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("{}: connection closed before a ping", name);
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
                settings.watchdogTimeout().toMillis());
        String reason = "watchdog: nothing received for " + silentMillis + " ms";
        a.socket.abort(reason);
        ended(a, CloseFrame.ABNORMAL_CLOSE, reason);
    }

    private void sync() {
        Attempt a = current;
        if (a == null || !a.open || closed.get()) {
            return;
        }
        Map<Long, T> desired = protocol.desired();
        SyncPlan plan = protocol.plan(applied, desired);
        if (plan.messages().isEmpty()) {
            return;
        }
        try {
            for (String message : plan.messages()) {
                a.socket.send(message);
            }
            applied = desired;
            LOG.info("{}: {} instruments subscribed (sent {})", name, desired.size(), plan.summary());
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("{}: connection closed while subscribing; the next connection sends everything", name);
        }
    }

    /** Runs {@code task} on the control thread; dropped once stopped. */
    void post(Runnable task) {
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

    /** Whether {@code a} is the live attempt; frames of superseded attempts are dropped. */
    boolean isCurrent(Attempt a) {
        return current == a;
    }

    /** The name for log lines. */
    String name() {
        return name;
    }

    /** {@code s} with every secret masked, for log lines and statuses. */
    String redact(String s) {
        return protocol.redact(s);
    }
}
