package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOneRequest;
import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.core.source.Backoff;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.TickListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of an Angel One connection, run on one control thread so that state changes never race:
 * connect with the four headers, apply the desired subscriptions as a diff, ping, watch for silence,
 * back off and reconnect, or stop for good on HTTP 401 or when the retry budget is spent.
 */
public final class ConnectionLoop {
    /** Receives state changes, on the control thread. */
    @FunctionalInterface
    public interface StatusSink {
        /** The source moved to {@code state} for the reason in {@code detail}. */
        void status(SourceState state, String detail);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);
    private static final long CLOSE_GRACE_MILLIS = 1000;
    private static final int HTTP_UNAUTHORIZED = 401;
    private static final String PING = "ping";

    private final AngelOneOptions options;
    private final String name;
    private final SubscriptionBook book;
    private final Counters counters;
    private final StatusSink statusSink;
    private final ScheduledThreadPoolExecutor control;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    private final AtomicLong correlation = new AtomicLong();
    private final long watchdogNanos;
    private volatile Thread controlThread;
    private volatile Attempt current;
    // Owned by the control thread.
    private final Backoff backoff;
    private FrameDelivery delivery;
    private Map<Long, Subscription> applied = Map.of();
    private boolean everOpened;
    private int reconnectAttempt;

    /** A loop that has not started; {@code book} is the desired state it applies. */
    public ConnectionLoop(AngelOneOptions options, SubscriptionBook book, Counters counters, StatusSink statusSink) {
        this.options = options;
        this.name = options.name();
        this.book = book;
        this.counters = counters;
        this.statusSink = statusSink;
        this.watchdogNanos = options.watchdogTimeout().toNanos();
        this.backoff = options.reconnectPolicy().newBackoff();
        this.control = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tickengine-" + name + "-control");
            t.setDaemon(true);
            controlThread = t;
            return t;
        });
        control.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        control.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Connects in the background and keeps connected, delivering into {@code listener}; once only. */
    public void start(TickListener listener) {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + (closed.get() ? " is closed" : " is already started"));
        }
        post(() -> {
            delivery = new FrameDelivery(name, listener, counters, options.parserOptions().clock());
            statusSink.status(SourceState.CONNECTING, "connecting to " + options.url());
            connect();
        });
        long watchdogPeriod = Math.max(10, options.watchdogTimeout().toMillis() / 4);
        long pingPeriod = options.pingInterval().toMillis();
        try {
            control.scheduleWithFixedDelay(() -> guard(this::checkWatchdog), watchdogPeriod, watchdogPeriod, TimeUnit.MILLISECONDS);
            control.scheduleWithFixedDelay(() -> guard(this::ping), pingPeriod, pingPeriod, TimeUnit.MILLISECONDS);
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
        long attempt = counters.connectAttempts.incrementAndGet();
        Attempt a = new Attempt(this, options, delivery);
        current = a;
        LOG.info("{}: connecting to {} as client {} (connection attempt {})", name, options.url(), options.clientCode(), attempt);
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
            counters.reconnects.incrementAndGet();
        }
        everOpened = true;
        applied = Map.of();
        statusSink.status(SourceState.CONNECTED, "connected to " + options.url());
        LOG.info("{}: connected to {}", name, options.url());
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
        if (a.socket.handshakeStatus() == HTTP_UNAUTHORIZED) {
            String why = a.socket.handshakeError().isEmpty() ? "no x-error-message" : redact(a.socket.handshakeError());
            statusSink.status(SourceState.AUTH_FAILED, "Angel One refused the credentials (HTTP 401: " + why
                    + "); new credentials are needed, no retries");
            LOG.error("{}: handshake refused with HTTP 401 ({}); not retrying", name, why);
            return;
        }
        String why = "code " + code + (reason == null || reason.isEmpty() ? "" : ", " + redact(reason));
        long delay = backoff.nextDelayMillis();
        int maxAttempts = options.reconnectPolicy().maxAttempts();
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
            a.socket.send(PING);
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
        counters.watchdogCloses.incrementAndGet();
        LOG.warn("{}: nothing received for {} ms (watchdog {} ms); closing the connection", name, silentMillis,
                options.watchdogTimeout().toMillis());
        String reason = "watchdog: nothing received for " + silentMillis + " ms";
        a.socket.abort(reason);
        ended(a, CloseFrame.ABNORMAL_CLOSE, reason);
    }

    private void sync() {
        Attempt a = current;
        if (a == null || !a.open || closed.get()) {
            return;
        }
        Map<Long, Subscription> desired = book.snapshot();
        List<AngelOneRequest> requests = RequestDiff.between(applied, desired, this::nextCorrelationId);
        if (requests.isEmpty()) {
            return;
        }
        try {
            for (AngelOneRequest r : requests) {
                a.socket.send(r.toJson());
                LOG.debug("{}: sent {}", name, r);
            }
            applied = desired;
            LOG.info("{}: {} tokens subscribed (sent {})", name, desired.size(), requests);
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("{}: connection closed while subscribing; the next connection sends everything", name);
        }
    }

    private String nextCorrelationId() {
        String n = Long.toString(correlation.incrementAndGet());
        String prefix = "te" + "0".repeat(Math.max(0, AngelOneRequest.CORRELATION_ID_LENGTH - 2 - n.length()));
        return prefix + n;
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

    /** {@code s} with every secret masked, for log lines and statuses. */
    String redact(String s) {
        if (s == null) {
            return "";
        }
        String out = s;
        for (String secret : new String[] {options.jwt(), options.apiKey(), options.feedToken()}) {
            out = out.replace(secret, "****");
        }
        return out;
    }
}
