package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOnePacketParser;
import io.tickengine.angelone.parse.AngelOneRequest;
import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.feed.ws.AuthFailure;
import io.tickengine.feed.ws.FeedProtocol;
import io.tickengine.feed.ws.FeedSettings;
import io.tickengine.feed.ws.FrameHandler;
import io.tickengine.feed.ws.HandshakeResponse;
import io.tickengine.feed.ws.SyncPlan;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Angel One's side of the shared connection loop: the four auth headers, HTTP 401 with
 * {@code x-error-message} as the auth failure, a client text {@code ping} on a schedule, and subscribe and
 * unsubscribe requests with correlation ids as the subscription diff.
 */
public final class AngelOneProtocol implements FeedProtocol<Subscription> {
    private static final Logger LOG = LoggerFactory.getLogger(AngelOneProtocol.class);
    private static final int HTTP_UNAUTHORIZED = 401;
    private static final String BEARER = "Bearer ";
    private static final String PING = "ping";

    private final AngelOneOptions options;
    private final SubscriptionBook book;
    private final FeedSettings settings;
    private final Map<String, String> headers;
    private final AtomicLong correlation = new AtomicLong();

    /** The protocol of a source with {@code options}, applying {@code book}. */
    public AngelOneProtocol(AngelOneOptions options, SubscriptionBook book) {
        this.options = options;
        this.book = book;
        this.settings = new FeedSettings(options.name(), options.url(), options.watchdogTimeout(),
                options.reconnectPolicy());
        this.headers = Collections.unmodifiableMap(headers(options));
    }

    /** Frame handlers for each connection attempt: a new parser each, one shared delivery. */
    public static Supplier<FrameHandler> frames(AngelOneOptions options, FrameDelivery delivery) {
        return () -> {
            AngelOnePacketParser parser = new AngelOnePacketParser(options.parserOptions());
            return new FrameHandler() {
                @Override
                public void binary(ByteBuffer frame) {
                    delivery.binary(parser, frame);
                }

                @Override
                public void text(String text) {
                    delivery.text(text);
                }

                @Override
                public void pong() {
                    delivery.pong();
                }
            };
        };
    }

    /** The four handshake headers Angel One checks. */
    static Map<String, String> headers(AngelOneOptions options) {
        Map<String, String> h = new LinkedHashMap<>();
        String jwt = options.jwt().strip();
        h.put("Authorization", jwt.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? jwt : BEARER + jwt);
        h.put("x-api-key", options.apiKey());
        h.put("x-client-code", options.clientCode());
        h.put("x-feed-token", options.feedToken());
        return h;
    }

    @Override
    public String target() {
        return options.url() + " as client " + options.clientCode();
    }

    @Override
    public FeedSettings settings() {
        return settings;
    }

    @Override
    public URI uri() {
        return options.url();
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public Duration pingInterval() {
        return options.pingInterval();
    }

    @Override
    public String pingMessage() {
        return PING;
    }

    @Override
    public AuthFailure authFailure(HandshakeResponse response, String closeReason) {
        if (response.status() != HTTP_UNAUTHORIZED) {
            return null;
        }
        String error = response.header("x-error-message");
        String why = error.isEmpty() ? "no x-error-message" : redact(error);
        return new AuthFailure("Angel One refused the credentials (HTTP 401: " + why
                + "); new credentials are needed, no retries", "HTTP 401 (" + why + ")");
    }

    @Override
    public Map<Long, Subscription> desired() {
        return book.snapshot();
    }

    @Override
    public SyncPlan plan(Map<Long, Subscription> applied, Map<Long, Subscription> desired) {
        List<AngelOneRequest> requests = RequestDiff.between(applied, desired, this::nextCorrelationId);
        for (AngelOneRequest r : requests) {
            LOG.debug("{}: sending {}", options.name(), r);
        }
        return new SyncPlan(requests.stream().map(AngelOneRequest::toJson).toList(), requests.toString());
    }

    private String nextCorrelationId() {
        String n = Long.toString(correlation.incrementAndGet());
        String prefix = "te" + "0".repeat(Math.max(0, AngelOneRequest.CORRELATION_ID_LENGTH - 2 - n.length()));
        return prefix + n;
    }

    @Override
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : new String[] {options.jwt(), options.apiKey(), options.feedToken()}) {
            out = out.replace(secret, "****");
        }
        return out;
    }
}
