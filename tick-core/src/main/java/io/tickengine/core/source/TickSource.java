package io.tickengine.core.source;

import io.tickengine.core.TickMode;
import java.util.Collection;

/**
 * A producer of ticks: a broker feed, a poller, a replay or another server's fan-out. Subscriptions
 * are by instrument token; sources that speak another token language map through the instrument
 * registry. All methods are thread-safe.
 */
public interface TickSource extends AutoCloseable {
    /** A short name for logs and metrics, unique within an engine. */
    String name();

    /**
     * Starts producing ticks into {@code listener}. Returns without waiting for a connection; state
     * changes arrive through {@link TickListener#onStatus}.
     *
     * @throws IllegalStateException when already started
     */
    void start(TickListener listener);

    /** Subscribes instruments in a mode; already subscribed ones switch to that mode. */
    void subscribe(Collection<Long> instrumentTokens, TickMode mode);

    /** Unsubscribes instruments; unknown ones are ignored. */
    void unsubscribe(Collection<Long> instrumentTokens);

    /** The current state. */
    SourceStatus status();

    /** Stops producing and releases connections; idempotent. */
    @Override
    void close();
}
