package io.tickengine.core.source;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source your own code pushes ticks into: a replay, an adapter for a feed tickengine does not ship,
 * a test. It keeps the subscriptions consumers ask for, so the pushing code knows what is wanted.
 * Thread-safe.
 */
public final class PushTickSource implements TickSource {
    private final String name;
    private final Clock clock;
    private final Map<Long, TickMode> subscriptions = new ConcurrentHashMap<>();
    private volatile TickListener listener;
    private volatile SourceStatus status;

    private PushTickSource(String name, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.status = new SourceStatus(name, SourceState.NEW, "", clock.millis());
    }

    /** A push source with the system clock for its status times. */
    public static PushTickSource create(String name) {
        return create(name, Clock.system());
    }

    /** A push source reading status times from {@code clock}. */
    public static PushTickSource create(String name, Clock clock) {
        return new PushTickSource(name, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start(TickListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (this.listener != null || status.state() == SourceState.STOPPED) {
            throw new IllegalStateException("source " + name + " was already started");
        }
        this.listener = listener;
        changeState(SourceState.CONNECTED);
    }

    /**
     * Hands one tick to the engine on the caller's thread.
     *
     * @throws IllegalStateException before {@link #start} or after {@link #close}: the tick would be lost
     */
    public void publish(Tick tick) {
        listener().onTick(Objects.requireNonNull(tick, "tick"));
    }

    /**
     * Hands a frame of ticks to the engine in order, as broker feeds do; the list may be reused after
     * the call.
     *
     * @throws IllegalStateException before {@link #start} or after {@link #close}: the ticks would be lost
     */
    public void publishAll(List<Tick> ticks) {
        listener().onTicks(Objects.requireNonNull(ticks, "ticks"));
    }

    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        Objects.requireNonNull(mode, "mode");
        instrumentTokens.forEach(token -> subscriptions.put(token, mode));
    }

    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
        instrumentTokens.forEach(subscriptions::remove);
    }

    /** What consumers subscribed to, with the mode each asked for. */
    public Map<Long, TickMode> subscriptions() {
        return Map.copyOf(subscriptions);
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return status.state() == SourceState.STOPPED;
    }

    @Override
    public synchronized void close() {
        if (isClosed()) {
            return;
        }
        changeState(SourceState.STOPPED);
        listener = null;
    }

    private TickListener listener() {
        TickListener l = listener;
        if (l == null) {
            throw new IllegalStateException("source " + name + (isClosed() ? " is closed" : " is not started"));
        }
        return l;
    }

    private void changeState(SourceState state) {
        status = new SourceStatus(name, state, "", clock.millis());
        TickListener l = listener;
        if (l != null) {
            l.onStatus(status);
        }
    }
}
