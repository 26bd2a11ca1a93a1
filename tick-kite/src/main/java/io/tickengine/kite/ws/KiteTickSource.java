package io.tickengine.kite.ws;

import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.feed.ws.FeedConnection;
import io.tickengine.kite.ws.internal.Counters;
import io.tickengine.kite.ws.internal.FrameDelivery;
import io.tickengine.kite.ws.internal.KiteProtocol;
import io.tickengine.kite.ws.internal.SubscriptionBook;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Kite's market data WebSocket as a {@link TickSource}: one connection of up to 3000 instruments that
 * keeps itself alive. A watchdog reconnects when nothing (heartbeats included) arrived for a while;
 * reconnects back off exponentially and resubscribe every instrument in its mode; HTTP 403 ends in
 * {@link SourceState#AUTH_FAILED} without retries, and a used-up retry budget in
 * {@link SourceState#FAILED}.
 *
 * <p>Ticks and text messages reach the listener on the socket's read thread, which runs nothing else of
 * the user's: the listener must return quickly and never block, or the connection stalls. Status
 * changes arrive on the source's control thread. All methods are thread-safe.
 */
public final class KiteTickSource implements TickSource {

    private final KiteOptions options;
    private final SubscriptionBook book;
    private final Counters counters = new Counters();
    private final FeedConnection<TickMode> connection;

    private KiteTickSource(KiteOptions options) {
        this.options = options;
        this.book = new SubscriptionBook(options.maxInstruments());
        this.connection = new FeedConnection<>(new KiteProtocol(options, book), counters.feed(),
                options.parserOptions().clock());
    }

    /** A source with these options; it does nothing until {@link #start}. */
    public static KiteTickSource create(KiteOptions options) {
        return new KiteTickSource(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String name() {
        return options.name();
    }

    /** The options this source runs with. */
    public KiteOptions options() {
        return options;
    }

    /**
     * Connects in the background and delivers into {@code listener}, which must not block.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public void start(TickListener listener) {
        connection.start(listener, l -> KiteProtocol.frames(options,
                new FrameDelivery(options.name(), l, counters, options.parserOptions().clock())));
    }

    /**
     * Subscribes instruments in a mode (switching those already subscribed); the server follows soon,
     * and again after every reconnect. Works in any state, also before start and while reconnecting.
     *
     * @throws TooManyInstrumentsException when the connection would carry more than its limit; nothing changes
     * @throws IllegalArgumentException when a token is not a positive 32-bit number, or the mode is DEPTH
     */
    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        book.subscribe(instrumentTokens, KiteCommand.kiteMode(mode));
        connection.requestSync();
    }

    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
        book.unsubscribe(instrumentTokens);
        connection.requestSync();
    }

    /** The subscriptions this source wants, token to mode; the server matches them while connected. */
    public Map<Long, TickMode> subscriptions() {
        return book.snapshot();
    }

    @Override
    public SourceStatus status() {
        return connection.status();
    }

    /** The counters, for monitoring. */
    public KiteStats stats() {
        return counters.snapshot(connection.status().state());
    }

    /** Closes the connection and stops for good; idempotent, and waits at most a few seconds. */
    @Override
    public void close() {
        connection.stop();
    }
}
