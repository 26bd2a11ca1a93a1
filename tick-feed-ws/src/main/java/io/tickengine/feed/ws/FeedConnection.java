package io.tickengine.feed.ws;

import io.tickengine.core.source.SourceState;
import io.tickengine.feed.ws.internal.ConnectionLoop;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A resilient WebSocket connection to a broker feed: one control thread connects, applies the desired
 * subscriptions after every (re)connect, watches for silence, backs off with the core
 * {@link io.tickengine.core.source.ReconnectPolicy} and stops for good on an auth failure or when the
 * retry budget is spent. The feed's {@link FeedProtocol} supplies what differs between brokers.
 *
 * @param <T> what the feed keeps per subscribed key
 */
public final class FeedConnection<T> {
    /** Receives state changes, on the control thread. */
    @FunctionalInterface
    public interface StatusSink {
        /** The source moved to {@code state} for the reason in {@code detail}. */
        void status(SourceState state, String detail);
    }

    private final ConnectionLoop<T> loop;

    /** A connection that has not started; {@code counters} and {@code statusSink} observe it. */
    public FeedConnection(FeedProtocol<T> protocol, ConnectionCounters counters, StatusSink statusSink) {
        this.loop = new ConnectionLoop<>(Objects.requireNonNull(protocol, "protocol"),
                Objects.requireNonNull(counters, "counters"), Objects.requireNonNull(statusSink, "statusSink"));
    }

    /**
     * Connects in the background and keeps connected; each connection attempt decodes its frames with a
     * new handler from {@code frameHandlers}. Once only.
     *
     * @throws IllegalStateException when already started or stopped
     */
    public void start(Supplier<FrameHandler> frameHandlers) {
        loop.start(Objects.requireNonNull(frameHandlers, "frameHandlers"));
    }

    /** Asks for the server's subscriptions to be brought to {@link FeedProtocol#desired()}; cheap, coalesced. */
    public void requestSync() {
        loop.requestSync();
    }

    /** Closes the connection (politely, then abruptly after a grace period) and stops; idempotent. */
    public void stop() {
        loop.stop();
    }
}
