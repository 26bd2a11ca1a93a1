package io.tickengine.feed.ws;

import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.internal.ConnectionLoop;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resilient WebSocket connection to a broker feed, the engine of a feed's {@code TickSource}: one
 * control thread connects, applies the desired subscriptions after every (re)connect, watches for
 * silence, backs off with the core {@link io.tickengine.core.source.ReconnectPolicy} and stops for good
 * on an auth failure or when the retry budget is spent. It keeps the source's status and reports each
 * change to the listener. The feed's {@link FeedProtocol} supplies what differs between brokers.
 * Thread-safe.
 *
 * @param <T> what the feed keeps per subscribed key
 */
public final class FeedConnection<T> {
    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

    private final String name;
    private final Clock clock;
    private final ConnectionLoop<T> loop;
    private volatile SourceStatus status;
    private volatile TickListener listener;

    /** A connection that has not started; {@code counters} observe it, {@code clock} stamps its statuses. */
    public FeedConnection(FeedProtocol<T> protocol, ConnectionCounters counters, Clock clock) {
        Objects.requireNonNull(protocol, "protocol");
        this.name = protocol.settings().name();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loop = new ConnectionLoop<>(protocol, Objects.requireNonNull(counters, "counters"), this::setStatus);
        this.status = new SourceStatus(name, SourceState.NEW, "", clock.millis());
    }

    /**
     * Connects in the background and keeps connected, delivering into {@code listener}; each connection
     * attempt decodes its frames with a new handler from the supplier {@code frames} makes for the listener.
     *
     * @throws IllegalStateException when already started or stopped
     */
    public void start(TickListener listener, Function<TickListener, Supplier<FrameHandler>> frames) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(frames, "frames");
        synchronized (this) {
            if (this.listener != null) {
                throw new IllegalStateException(name + " is already started");
            }
            this.listener = listener;
        }
        loop.start(frames.apply(listener));
    }

    /** Asks for the server's subscriptions to be brought to {@link FeedProtocol#desired()}; cheap, coalesced. */
    public void requestSync() {
        loop.requestSync();
    }

    /** The latest status. */
    public SourceStatus status() {
        return status;
    }

    /** Closes the connection (politely, then abruptly after a grace period) and stops; idempotent. */
    public void stop() {
        loop.stop();
    }

    private void setStatus(SourceState state, String detail) {
        SourceStatus s = new SourceStatus(name, state, detail, clock.millis());
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
}
