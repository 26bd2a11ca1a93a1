package io.tickengine.kite.rest;

import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.CircuitState;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.kite.rest.internal.KiteHttp;
import io.tickengine.kite.rest.internal.PollBook;
import io.tickengine.kite.rest.internal.QuoteEndpoints;
import io.tickengine.kite.rest.internal.QuoteResponseParser;
import io.tickengine.kite.rest.internal.RequestBreaker;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kite's REST quotes as a {@link TickSource}: polls {@code /quote} (FULL, 500 instruments per request),
 * {@code /quote/ohlc} (QUOTE: last price and day OHLC, 1000) and {@code /quote/ltp} (LTP, 1000) within the
 * api key's rate limit, hot instruments more often than cold ones. Failed requests (no response, HTTP 429,
 * 5xx) back off with jitter and open a circuit breaker when they repeat; HTTP 403 ends in
 * {@link SourceState#AUTH_FAILED} without retries. Ticks and statuses reach the listener on the poller's
 * own thread; all methods are thread-safe.
 */
public final class KiteQuotePoller implements TickSource {
    /** Instruments per {@code /quote} request. */
    public static final int MAX_FULL_QUOTES_PER_REQUEST = QuoteEndpoints.MAX_FULL;
    /** Instruments per {@code /quote/ohlc} or {@code /quote/ltp} request. */
    public static final int MAX_QUOTES_PER_REQUEST = QuoteEndpoints.MAX_OTHER;

    private static final Logger LOG = LoggerFactory.getLogger(KiteQuotePoller.class);
    private static final long MILLI = 1_000_000L;

    private final KiteQuoteOptions options;
    private final KiteHttp http;
    private final PollBook book = new PollBook();
    private final QuoteResponseParser parser;
    private final RequestBreaker breaker;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong lastSuccess = new AtomicLong();
    private volatile TickListener listener;
    private volatile SourceStatus status;
    private volatile boolean stopped;
    /** Poller thread only: no request before this System.nanoTime(). */
    private long pausedUntil;
    private boolean loggedListener;

    private KiteQuotePoller(KiteQuoteOptions options) {
        this.options = options;
        this.http = new KiteHttp(options.rest());
        this.parser = new QuoteResponseParser(options.instrumentLookup());
        this.breaker = new RequestBreaker(options.retryPolicy(), options.breakerThreshold(),
                options.breakerOpenDuration().toMillis());
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tickengine-" + options.name() + "-poller");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.status = new SourceStatus(options.name(), SourceState.NEW, "", options.clock().millis());
    }

    /** A poller with these options; it does nothing until {@link #start}. */
    public static KiteQuotePoller create(KiteQuoteOptions options) {
        return new KiteQuotePoller(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String name() {
        return options.name();
    }

    /**
     * Starts polling in the background into {@code listener}.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public void start(TickListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (this.listener != null || stopped) {
                throw new IllegalStateException(name() + (stopped ? " is closed" : " is already started"));
            }
            this.listener = listener;
        }
        setStatus(SourceState.CONNECTING, "polling " + options.rest().baseUrl());
        wake();
    }

    /** Polls instruments in {@code mode} at the default tier; already polled ones switch mode. */
    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        subscribe(instrumentTokens, mode, options.defaultTier());
    }

    /**
     * Polls instruments in {@code mode} at {@code tier}; already polled ones switch mode and tier.
     *
     * @throws IllegalArgumentException when a token is not a positive 32-bit number, or the mode is DEPTH
     */
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode, PollTier tier) {
        book.subscribe(instrumentTokens, KiteCommand.kiteMode(mode), tier, System.nanoTime());
        wake();
    }

    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
        book.unsubscribe(instrumentTokens);
    }

    /** Token to mode of every polled instrument. */
    public Map<Long, TickMode> subscriptions() {
        return book.snapshot();
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    /** The counters, for monitoring. */
    public KiteQuoteStats stats() {
        return new KiteQuoteStats(status.state(), breaker.state(), book.size(), requests.get(), failures.get(),
                throttled.get(), rejected.get(), ticks.get(), parser.badQuotes(), breaker.opens(), lastSuccess.get());
    }

    /** Stops polling for good; idempotent, and waits at most a few seconds for a request in flight. */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        setStatus(SourceState.STOPPED, "closed");
        LOG.info("{}: closed", name());
    }

    /** Starts a new chain of poll cycles now; the old chain, if any, ends at its next step. */
    private void wake() {
        if (listener != null && !stopped && !status.state().isTerminal()) {
            schedule(0);
        }
    }

    private void schedule(long delayNanos) {
        long g = generation.incrementAndGet();
        try {
            thread.schedule(() -> cycle(g), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed; no further polls", name());
        }
    }

    private void cycle(long g) {
        if (g != generation.get() || stopped || status.state().isTerminal()) {
            return;
        }
        try {
            long now = System.nanoTime();
            if (pausedUntil - now > 0) {
                schedule(pausedUntil - now);
                return;
            }
            PollBook.Batch batch = book.next(now, QuoteEndpoints::maxPerRequest);
            if (batch == null) {
                long due = book.nextDueNanos(now);
                if (due != Long.MAX_VALUE) {
                    schedule(due - now);
                }
                return;
            }
            long wait = options.rateLimiter().tryAcquire();
            if (wait > 0) {
                schedule(wait);
                return;
            }
            poll(batch);
            if (!status.state().isTerminal()) {
                schedule(0);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected error while polling; retrying", name(), e);
            failed("unexpected error: " + e, 0);
            schedule(0);
        }
    }

    private void poll(PollBook.Batch batch) {
        String path = QuoteEndpoints.path(batch.mode());
        breaker.beforeRequest();
        requests.incrementAndGet();
        HttpResponse<InputStream> response;
        try {
            response = http.get(QuoteEndpoints.request(batch));
        } catch (KiteHttpException e) {
            if (!stopped) {
                failed(e.getMessage(), 0);
            }
            return;
        }
        int code = response.statusCode();
        if (code == 200) {
            List<Tick> out;
            try (InputStream in = KiteHttp.body(response)) {
                out = parser.parse(in, batch.mode(), options.clock().millis());
            } catch (IOException e) {
                failed("unreadable response from GET " + path + ": " + e.getMessage(), 0);
                return;
            }
            book.polled(batch, System.nanoTime(), tier -> options.interval(tier).toNanos());
            breaker.succeeded();
            lastSuccess.set(options.clock().millis());
            if (status.state() != SourceState.CONNECTED) {
                setStatus(SourceState.CONNECTED, "polling " + book.size() + " instruments");
            }
            deliver(out);
            return;
        }
        KiteHttpException error = KiteHttp.error("GET " + path, response);
        if (error instanceof KiteAuthException) {
            setStatus(SourceState.AUTH_FAILED, error.getMessage() + "; no retries");
            LOG.error("{}: {}; not retrying", name(), error.getMessage());
        } else if (code == 429 || code >= 500) {
            if (code == 429) {
                throttled.incrementAndGet();
            }
            long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
            failed(error.getMessage(), retryAfter);
        } else {
            rejected.incrementAndGet();
            book.polled(batch, System.nanoTime(), tier -> options.interval(tier).toNanos());
            LOG.warn("{}: {}; these {} instruments wait for their next turn", name(), error.getMessage(),
                    batch.tokens().size());
        }
    }

    private void failed(String why, long minimumMillis) {
        failures.incrementAndGet();
        long delay = breaker.failed(minimumMillis);
        if (delay == RequestBreaker.GIVE_UP) {
            setStatus(SourceState.FAILED, "gave up after " + breaker.consecutiveFailures() + " failed requests; last: "
                    + why);
            LOG.error("{}: gave up after {} failed requests; last: {}", name(), breaker.consecutiveFailures(), why);
            return;
        }
        pausedUntil = System.nanoTime() + delay * MILLI;
        String circuit = breaker.state() == CircuitState.OPEN
                ? "; circuit open after " + breaker.consecutiveFailures() + " failures in a row" : "";
        String detail = why + circuit + "; next request in " + delay + " ms";
        setStatus(SourceState.RECONNECTING, detail);
        LOG.warn("{}: {}", name(), detail);
    }

    private void deliver(List<Tick> out) {
        if (out.isEmpty()) {
            return;
        }
        ticks.addAndGet(out.size());
        try {
            listener.onTicks(out);
        } catch (RuntimeException e) {
            if (!loggedListener) {
                loggedListener = true;
                LOG.error("{}: the tick listener threw; it must not (logged once)", name(), e);
            }
        }
    }

    private void setStatus(SourceState state, String detail) {
        SourceStatus s = new SourceStatus(name(), state, detail, options.clock().millis());
        status = s;
        TickListener l = listener;
        if (l != null) {
            try {
                l.onStatus(s);
            } catch (RuntimeException e) {
                LOG.warn("{}: the listener threw on a status change", name(), e);
            }
        }
    }
}
