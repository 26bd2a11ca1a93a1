package io.tickengine.angelone.pool;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.angelone.ws.AngelOneTickSource;
import io.tickengine.angelone.ws.SubscriptionLimitException;
import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.feed.ws.StatusForwarder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One client code's Angel One connections (at most 3) as one {@link TickSource}: instruments fill the
 * first connection with room, up to each connection's token limit, and stay on their connection when
 * their mode changes; Depth-20 counts against one limit of 50 over the pool. Connections open as they
 * are needed and stay open. The pool is CONNECTED when every connection is; AUTH_FAILED or FAILED when
 * any connection is. Thread-safe.
 */
public final class AngelOneTickSourcePool implements TickSource {
    /** Angel One allows this many concurrent connections per client code. */
    public static final int MAX_CONNECTIONS = 3;

    private final AngelOneOptions connectionOptions;
    private final int maxConnections;
    private final List<AngelOneTickSource> sources = new ArrayList<>();
    private final Map<Long, AngelOneTickSource> owner = new HashMap<>();
    private volatile TickListener listener;
    private volatile SourceStatus status;
    private boolean closed;

    private AngelOneTickSourcePool(AngelOneOptions connectionOptions, int maxConnections) {
        this.connectionOptions = connectionOptions;
        this.maxConnections = maxConnections;
        this.status = new SourceStatus(connectionOptions.name(), SourceState.NEW, "", now());
    }

    /**
     * A pool of up to {@code maxConnections} connections made from {@code connectionOptions} (named
     * {@code <name>-1}, {@code <name>-2}, ...); nothing opens until instruments are subscribed.
     *
     * @throws InvalidConfigurationException when {@code maxConnections} is not 1..3
     */
    public static AngelOneTickSourcePool create(AngelOneOptions connectionOptions, int maxConnections) {
        Objects.requireNonNull(connectionOptions, "connectionOptions");
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new InvalidConfigurationException("Angel One allows 1.." + MAX_CONNECTIONS
                    + " connections per client code, was " + maxConnections);
        }
        return new AngelOneTickSourcePool(connectionOptions, maxConnections);
    }

    @Override
    public String name() {
        return connectionOptions.name();
    }

    @Override
    public void start(TickListener listener) {
        Objects.requireNonNull(listener, "listener");
        List<AngelOneTickSource> open;
        synchronized (this) {
            if (this.listener != null || closed) {
                throw new IllegalStateException(name() + (closed ? " is closed" : " is already started"));
            }
            this.listener = listener;
            open = new ArrayList<>(sources);
        }
        open.forEach(s -> s.start(forward()));
        updateStatus();
    }

    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        subscribe(instrumentTokens, AngelOneMode.of(Objects.requireNonNull(mode, "mode")));
    }

    /**
     * Subscribes instruments in an Angel One mode, placing new ones on the first connection with room.
     *
     * @throws SubscriptionLimitException when the pool cannot carry them; nothing changes
     */
    public synchronized void subscribe(Collection<Long> instrumentTokens, AngelOneMode mode) {
        Objects.requireNonNull(instrumentTokens, "instrumentTokens");
        Objects.requireNonNull(mode, "mode");
        Set<Long> tokens = new LinkedHashSet<>(instrumentTokens);
        checkRoom(tokens, mode);
        Map<AngelOneTickSource, List<Long>> plan = new HashMap<>();
        Map<AngelOneTickSource, Integer> load = new HashMap<>();
        for (AngelOneTickSource s : sources) {
            load.put(s, s.size());
        }
        for (Long t : tokens) {
            AngelOneTickSource s = owner.get(t);
            if (s == null) {
                s = withRoom(load);
                load.merge(s, 1, Integer::sum);
            }
            plan.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
        }
        plan.forEach((s, ts) -> {
            s.subscribe(ts, mode);
            ts.forEach(t -> owner.put(t, s));
        });
    }

    @Override
    public synchronized void unsubscribe(Collection<Long> instrumentTokens) {
        Objects.requireNonNull(instrumentTokens, "instrumentTokens");
        for (Long t : instrumentTokens) {
            AngelOneTickSource s = owner.remove(t);
            if (s != null) {
                s.unsubscribe(List.of(t));
            }
        }
    }

    /** Instrument token to mode over every connection. */
    public synchronized Map<Long, AngelOneMode> subscriptions() {
        Map<Long, AngelOneMode> all = new HashMap<>();
        sources.forEach(s -> all.putAll(s.subscriptions()));
        return all;
    }

    /** The connections opened so far, in order. */
    public synchronized List<AngelOneTickSource> connections() {
        return List.copyOf(sources);
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    @Override
    public void close() {
        List<AngelOneTickSource> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(sources);
        }
        all.forEach(AngelOneTickSource::close);
        setStatus(SourceState.STOPPED, "closed");
    }

    private void checkRoom(Set<Long> tokens, AngelOneMode mode) {
        long added = tokens.stream().filter(t -> !owner.containsKey(t)).count();
        int capacity = maxConnections * connectionOptions.maxTokens();
        if (owner.size() + added > capacity) {
            throw new SubscriptionLimitException("subscribing " + added + " new tokens would put " + (owner.size() + added)
                    + " on the pool; " + maxConnections + " connections of " + connectionOptions.maxTokens()
                    + " tokens carry at most " + capacity);
        }
        if (mode == AngelOneMode.DEPTH_20) {
            int depth = 0;
            for (AngelOneTickSource s : sources) {
                for (Map.Entry<Long, AngelOneMode> e : s.subscriptions().entrySet()) {
                    depth += e.getValue() == AngelOneMode.DEPTH_20 && !tokens.contains(e.getKey()) ? 1 : 0;
                }
            }
            if (depth + tokens.size() > AngelOneOptions.MAX_DEPTH_20_TOKENS) {
                throw new SubscriptionLimitException("subscribing would put " + (depth + tokens.size())
                        + " tokens in Depth-20 mode; Angel One allows at most " + AngelOneOptions.MAX_DEPTH_20_TOKENS);
            }
        }
    }

    private AngelOneTickSource withRoom(Map<AngelOneTickSource, Integer> load) {
        for (AngelOneTickSource s : sources) {
            if (load.get(s) < connectionOptions.maxTokens()) {
                return s;
            }
        }
        AngelOneTickSource s = AngelOneTickSource.create(connectionOptions.mutate()
                .name(connectionOptions.name() + "-" + (sources.size() + 1)).build());
        sources.add(s);
        load.put(s, 0);
        if (listener != null) {
            s.start(forward());
        }
        return s;
    }

    private TickListener forward() {
        return StatusForwarder.of(() -> listener, s -> updateStatus());
    }

    private void updateStatus() {
        List<AngelOneTickSource> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            all = new ArrayList<>(sources);
        }
        if (all.isEmpty()) {
            setStatus(SourceState.CONNECTED, "no connections needed yet");
            return;
        }
        for (SourceState worst : List.of(SourceState.AUTH_FAILED, SourceState.FAILED, SourceState.RECONNECTING,
                SourceState.CONNECTING, SourceState.NEW)) {
            for (AngelOneTickSource s : all) {
                if (s.status().state() == worst) {
                    setStatus(worst, s.name() + ": " + s.status().detail());
                    return;
                }
            }
        }
        setStatus(SourceState.CONNECTED, all.size() + " connections up");
    }

    private synchronized void setStatus(SourceState state, String detail) {
        if (status.state() == state && status.detail().equals(detail)) {
            return;
        }
        status = new SourceStatus(name(), state, detail, now());
        TickListener l = listener;
        if (l != null) {
            l.onStatus(status);
        }
    }

    private long now() {
        return connectionOptions.parserOptions().clock().millis();
    }
}
