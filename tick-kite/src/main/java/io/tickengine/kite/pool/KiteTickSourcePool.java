package io.tickengine.kite.pool;

import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.feed.ws.StatusForwarder;
import io.tickengine.kite.pool.internal.Assignments;
import io.tickengine.kite.pool.internal.PoolAccount;
import io.tickengine.kite.pool.internal.PoolConnection;
import io.tickengine.kite.ws.KiteStats;
import io.tickengine.kite.ws.KiteTickSource;
import io.tickengine.kite.ws.TooManyInstrumentsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any number of instruments over Kite WebSocket connections of several accounts, as one
 * {@link TickSource}: each connection carries up to 3000 instruments, each account opens up to 3. New
 * instruments fill open connections first and open new ones as needed; connections left empty close. When
 * Kite refuses an account (HTTP 403) the others keep streaming and take over its instruments as far as
 * they have room; the rest wait, reported in the status and {@link #unassigned()}, until room frees up.
 *
 * <p>Ticks and messages reach the listener on the connections' read threads (several at once), so the
 * listener must be thread-safe and must not block; the pool's statuses come from its own thread. All
 * methods are thread-safe.
 */
public final class KiteTickSourcePool implements TickSource {
    private static final Logger LOG = LoggerFactory.getLogger(KiteTickSourcePool.class);

    private final KitePoolOptions options;
    private final Assignments book;
    private final ExecutorService control;
    private final Map<KiteTickSource, SourceStatus> connectionStatus = new ConcurrentHashMap<>();
    private volatile TickListener listener;
    private volatile SourceStatus status;
    private boolean started;
    private boolean stopped;
    /** The summed counters of the connections closed so far; under this pool's lock. */
    private KiteStats closedStats = KiteStats.NONE;

    private KiteTickSourcePool(KitePoolOptions options) {
        this.options = options;
        this.book = new Assignments(options, this::open);
        this.control = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tickengine-" + options.name() + "-control");
            t.setDaemon(true);
            return t;
        });
        this.status = new SourceStatus(options.name(), SourceState.NEW, "", options.clock().millis());
    }

    /** A pool with these options; it opens nothing until instruments are subscribed and it is started. */
    public static KiteTickSourcePool create(KitePoolOptions options) {
        return new KiteTickSourcePool(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String name() {
        return options.name();
    }

    /**
     * Starts every connection in the background, delivering into {@code listener}.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public void start(TickListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (started || stopped) {
                throw new IllegalStateException(name() + (stopped ? " is closed" : " is already started"));
            }
            this.listener = listener;
            started = true;
            for (PoolConnection c : book.connections()) {
                c.source().start(forwarder(c.source()));
            }
        }
        post(this::updateStatus);
    }

    /**
     * Subscribes instruments in a mode (switching those already subscribed), opening connections as needed.
     *
     * @throws TooManyInstrumentsException when the new instruments exceed the room of the live accounts; nothing changes
     * @throws IllegalArgumentException when a token is not a positive 32-bit number, or the mode is DEPTH
     * @throws IllegalStateException when the pool is closed
     */
    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException(name() + " is closed");
            }
            book.subscribe(instrumentTokens, KiteCommand.kiteMode(mode));
        }
        post(this::updateStatus);
    }

    /** Unsubscribes instruments, closing connections left empty; unknown ones are ignored. */
    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
        List<PoolConnection> empty;
        synchronized (this) {
            if (stopped) {
                return;
            }
            empty = book.unsubscribe(instrumentTokens);
        }
        post(() -> {
            closeAll(empty);
            updateStatus();
        });
    }

    /** Token to mode of every subscription, carried or waiting. */
    public synchronized Map<Long, TickMode> subscriptions() {
        return book.desired();
    }

    /** Instruments no live account has room for; they are placed as soon as room frees up. */
    public synchronized Set<Long> unassigned() {
        return book.unassigned();
    }

    /** Instruments the live accounts can carry together. */
    public synchronized int capacity() {
        return book.capacity();
    }

    /** Ids of the accounts Kite refused. */
    public synchronized List<String> failedAccounts() {
        return book.accounts().stream().filter(PoolAccount::failed).map(a -> a.account().id()).toList();
    }

    /**
     * The counters of the connections this pool has closed, summed, so that counts over its whole life are
     * these plus those of {@link #connections()}: a closed connection does not take its counts with it.
     */
    public synchronized KiteStats closedConnectionStats() {
        return closedStats;
    }

    /** Every open connection with its account, load, status and counters. */
    public synchronized List<KiteConnectionStatus> connections() {
        List<KiteConnectionStatus> out = new ArrayList<>();
        for (PoolConnection c : book.connections()) {
            out.add(new KiteConnectionStatus(c.accountId(), c.source().name(), c.size(), c.source().status(),
                    c.source().stats()));
        }
        return out;
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    /** Closes every connection and stops for good; idempotent. */
    @Override
    public void close() {
        List<PoolConnection> all;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            all = book.connections();
        }
        closeAll(all);
        control.shutdownNow();
        setStatus(SourceState.STOPPED, "closed");
        LOG.info("{}: closed", name());
    }

    /** Called by the assignments, under this pool's lock, when an instrument needs a new connection. */
    private KiteTickSource open(KiteAccount account, int index) {
        KiteTickSource source = KiteTickSource.create(options.connectionOptions(account, index));
        if (started) {
            source.start(forwarder(source));
        }
        LOG.info("{}: opened connection {} on account {}", name(), source.name(), account.id());
        return source;
    }

    private TickListener forwarder(KiteTickSource source) {
        return StatusForwarder.of(() -> listener, s -> {
            connectionStatus.put(source, s);
            post(() -> connectionChanged(source, s));
        });
    }

    /** On the control thread: an account whose connection Kite refused hands its instruments on. */
    private void connectionChanged(KiteTickSource source, SourceStatus s) {
        List<PoolConnection> dropped = List.of();
        if (s.state() == SourceState.AUTH_FAILED) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                PoolAccount account = book.accountOf(source);
                if (account != null) {
                    dropped = book.accountFailed(account);
                    LOG.error("{}: Kite refused account {} (HTTP 403); its instruments move to other accounts, "
                            + "{} wait unassigned", name(), account.account().id(), book.unassigned().size());
                }
            }
        }
        closeAll(dropped);
        updateStatus();
    }

    private void closeAll(List<PoolConnection> connections) {
        for (PoolConnection c : connections) {
            c.source().close();
            synchronized (this) {
                closedStats = closedStats.plus(c.source().stats());
            }
            connectionStatus.remove(c.source());
            LOG.info("{}: closed connection {}", name(), c.source().name());
        }
    }

    /** On the control thread: derives the pool's state from its connections and accounts. */
    private void updateStatus() {
        SourceState state;
        String detail;
        synchronized (this) {
            if (stopped) {
                return;
            }
            List<PoolConnection> connections = book.connections();
            int up = 0;
            int failed = 0;
            boolean reconnecting = false;
            for (PoolConnection c : connections) {
                SourceState s = connectionStatus.getOrDefault(c.source(), c.source().status()).state();
                up += s == SourceState.CONNECTED ? 1 : 0;
                failed += s == SourceState.FAILED ? 1 : 0;
                reconnecting |= s == SourceState.RECONNECTING;
            }
            List<String> refused = book.accounts().stream().filter(PoolAccount::failed).map(a -> a.account().id()).toList();
            int accounts = book.accounts().size();
            if (!started) {
                state = SourceState.NEW;
            } else if (refused.size() == accounts) {
                state = SourceState.AUTH_FAILED;
            } else if (connections.isEmpty() || up > 0) {
                state = SourceState.CONNECTED;
            } else if (failed == connections.size()) {
                state = SourceState.FAILED;
            } else {
                state = reconnecting ? SourceState.RECONNECTING : SourceState.CONNECTING;
            }
            detail = up + " of " + connections.size() + " connections up, " + book.assigned() + " instruments on "
                    + (accounts - refused.size()) + " of " + accounts + " accounts"
                    + (refused.isEmpty() ? "" : "; Kite refused accounts " + refused)
                    + (book.unassigned().isEmpty() ? "" : "; " + book.unassigned().size() + " instruments unassigned: no room");
        }
        if (state != status.state() || !detail.equals(status.detail())) {
            setStatus(state, detail);
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

    private void post(Runnable task) {
        try {
            control.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: unexpected error on the control thread", name(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed; event dropped", name());
        }
    }
}
