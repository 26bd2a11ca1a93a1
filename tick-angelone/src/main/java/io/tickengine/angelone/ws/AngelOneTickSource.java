package io.tickengine.angelone.ws;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.ws.internal.AngelOneProtocol;
import io.tickengine.angelone.ws.internal.Counters;
import io.tickengine.angelone.ws.internal.FrameDelivery;
import io.tickengine.angelone.ws.internal.Subscription;
import io.tickengine.angelone.ws.internal.SubscriptionBook;
import io.tickengine.angelone.ws.internal.TokenResolver;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.feed.ws.FeedConnection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Angel One's SmartAPI WebSocket 2.0 as a {@link TickSource}: one connection of up to 1000 tokens that
 * keeps itself alive. It pings every 10 s; a watchdog reconnects when nothing arrived for 20 s;
 * reconnects back off under the core {@link io.tickengine.core.source.ReconnectPolicy} and resubscribe
 * every token in its mode; HTTP 401 ends in {@link SourceState#AUTH_FAILED} without retries, carrying
 * Angel One's {@code x-error-message}. Instruments are core tokens mapped through the registry's
 * {@code angelone:<exch_seg>} aliases (or synthetic ids).
 *
 * <p>Ticks and text messages reach the listener on the socket's read thread: the listener must return
 * quickly and never block. Status changes arrive on the source's control thread. Thread-safe.
 */
public final class AngelOneTickSource implements TickSource {

    private final AngelOneOptions options;
    private final SubscriptionBook book;
    private final Counters counters = new Counters();
    private final FeedConnection<Subscription> connection;

    private AngelOneTickSource(AngelOneOptions options) {
        this.options = options;
        this.book = new SubscriptionBook(options.maxTokens(), new TokenResolver(options.parserOptions().instruments()));
        this.connection = new FeedConnection<>(new AngelOneProtocol(options, book), counters.feed(),
                options.parserOptions().clock());
    }

    /** A source with these options; it does nothing until {@link #start}. */
    public static AngelOneTickSource create(AngelOneOptions options) {
        return new AngelOneTickSource(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String name() {
        return options.name();
    }

    /** The options this source runs with. */
    public AngelOneOptions options() {
        return options;
    }

    /**
     * Connects in the background and delivers into {@code listener}, which must not block.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public void start(TickListener listener) {
        connection.start(listener, l -> AngelOneProtocol.frames(options,
                new FrameDelivery(options.name(), l, counters, options.parserOptions().clock())));
    }

    /**
     * Subscribes instruments in LTP, Quote or SnapQuote (for FULL); see {@link #subscribe(Collection, AngelOneMode)}.
     *
     * @throws SubscriptionLimitException when the connection would carry more than its limit; nothing changes
     * @throws UnknownInstrumentException when a token has no Angel One token; nothing changes
     */
    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        subscribe(instrumentTokens, AngelOneMode.of(Objects.requireNonNull(mode, "mode")));
    }

    /**
     * Subscribes instruments in an Angel One mode (switching those already subscribed); the server follows
     * soon, and again after every reconnect. Depth-20 takes NSE cash instruments only, at most 50.
     *
     * @throws SubscriptionLimitException when a limit would be exceeded; nothing changes
     * @throws UnknownInstrumentException when a token has no Angel One token; nothing changes
     */
    public void subscribe(Collection<Long> instrumentTokens, AngelOneMode mode) {
        book.subscribe(instrumentTokens, mode);
        connection.requestSync();
    }

    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
        book.unsubscribe(instrumentTokens);
        connection.requestSync();
    }

    /** The subscriptions this source wants, instrument token to Angel One mode. */
    public Map<Long, AngelOneMode> subscriptions() {
        Map<Long, AngelOneMode> out = new HashMap<>();
        for (Subscription s : book.snapshot().values()) {
            out.put(s.instrumentToken(), s.mode());
        }
        return out;
    }

    /** Tokens subscribed or wanted on this connection. */
    public int size() {
        return book.size();
    }

    /** Tokens wanted in Depth-20 mode. */
    public int depth20Size() {
        return book.depth20Size();
    }

    @Override
    public SourceStatus status() {
        return connection.status();
    }

    /** The counters, for monitoring. */
    public AngelOneStats stats() {
        return counters.snapshot(connection.status().state());
    }

    /** Closes the connection and stops for good; idempotent, and waits at most a few seconds. */
    @Override
    public void close() {
        connection.stop();
    }
}
