package io.tickengine.feed.ws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What a broker feed tells the shared connection loop: where and how to connect (credentials in the
 * query or in headers), how a refused handshake reads, which messages bring
 * the server's subscriptions to the desired ones, and whether the client pings. Frames are decoded by
 * the {@link FrameHandler}s given to {@link FeedConnection#start}. Called on the loop's
 * control thread unless said otherwise.
 *
 * @param <T> what the feed keeps per subscribed key (a mode, a subscription)
 */
public interface FeedProtocol<T> {
    /** Name, address, watchdog and reconnect policy. */
    FeedSettings settings();

    /** What the connect log line names: the url, and whom it connects as when that helps. */
    default String target() {
        return settings().url().toString();
    }

    /** The URI to open, credentials included when they go in the query. */
    URI uri();

    /** The handshake headers, credentials included when they go there. */
    Map<String, String> headers();

    /** How often the client sends {@link #pingMessage()}; zero (the default) when the server keeps the beat. */
    default Duration pingInterval() {
        return Duration.ZERO;
    }

    /** The client's text ping. */
    default String pingMessage() {
        return "ping";
    }

    /** The auth failure a refused handshake means, or null when a retry may help. */
    AuthFailure authFailure(HandshakeResponse response, String closeReason);

    /** The subscriptions that should be on the server now. */
    Map<Long, T> desired();

    /** The messages that take the server from {@code applied} to {@code desired}. */
    SyncPlan plan(Map<Long, T> applied, Map<Long, T> desired);

    /** {@code text} with every secret masked, for log lines and statuses; null reads as empty. */
    String redact(String text);
}
