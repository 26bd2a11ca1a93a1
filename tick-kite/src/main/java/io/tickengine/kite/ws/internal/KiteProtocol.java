package io.tickengine.kite.ws.internal;

import io.tickengine.core.TickMode;
import io.tickengine.feed.ws.AuthFailure;
import io.tickengine.feed.ws.FeedProtocol;
import io.tickengine.feed.ws.FeedSettings;
import io.tickengine.feed.ws.FrameHandler;
import io.tickengine.feed.ws.HandshakeResponse;
import io.tickengine.feed.ws.SyncPlan;
import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.kite.parse.KiteFrameParser;
import io.tickengine.kite.ws.KiteOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Kite's side of the shared connection loop: credentials in the URL's query, the {@code X-Kite-Version}
 * header, HTTP 403 as the auth failure, server heartbeats (no client ping) and subscribe/mode/unsubscribe
 * commands as the subscription diff.
 */
public final class KiteProtocol implements FeedProtocol<TickMode> {
    private static final int HTTP_FORBIDDEN = 403;
    private static final Map<String, String> HEADERS = Map.of("X-Kite-Version", "3");

    private final KiteOptions options;
    private final SubscriptionBook book;
    private final FeedSettings settings;

    /** The protocol of a source with {@code options}, applying {@code book}. */
    public KiteProtocol(KiteOptions options, SubscriptionBook book) {
        this.options = options;
        this.book = book;
        this.settings = new FeedSettings(options.name(), options.url(), options.watchdogTimeout(),
                options.reconnectPolicy());
    }

    /** Frame handlers for each connection attempt: a new parser each, one shared delivery. */
    public static Supplier<FrameHandler> frames(KiteOptions options, FrameDelivery delivery) {
        return () -> {
            KiteFrameParser parser = new KiteFrameParser(options.parserOptions());
            return new FrameHandler() {
                @Override
                public void binary(ByteBuffer frame) {
                    delivery.binary(parser, frame);
                }

                @Override
                public void text(String text) {
                    delivery.text(text);
                }
            };
        };
    }

    @Override
    public FeedSettings settings() {
        return settings;
    }

    @Override
    public URI uri() {
        return Credentials.uri(options);
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public AuthFailure authFailure(HandshakeResponse response, String closeReason) {
        if (response.statusOr(closeReason) != HTTP_FORBIDDEN) {
            return null;
        }
        return new AuthFailure("Kite refused the api key or access token (HTTP 403); "
                + "a new access token is needed, no retries", "HTTP 403: bad api key or expired access token");
    }

    @Override
    public Map<Long, TickMode> desired() {
        return book.snapshot();
    }

    @Override
    public SyncPlan plan(Map<Long, TickMode> applied, Map<Long, TickMode> desired) {
        List<KiteCommand> commands = SubscriptionDiff.between(applied, desired);
        return new SyncPlan(commands.stream().map(KiteCommand::toJson).toList(), summary(commands));
    }

    private static String summary(List<KiteCommand> commands) {
        StringBuilder sb = new StringBuilder();
        for (KiteCommand c : commands) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.action().wireName());
            if (c.mode() != null) {
                sb.append(' ').append(KiteCommand.modeName(c.mode()));
            }
            sb.append(' ').append(c.tokens().size());
        }
        return sb.toString();
    }

    @Override
    public String redact(String text) {
        return Credentials.redact(text, options.accessToken());
    }
}
