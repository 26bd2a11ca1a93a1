package io.tickengine.angelone.ws;

import io.tickengine.angelone.parse.AngelOneParserOptions;
import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.OptionChecks;
import java.net.URI;
import java.time.Duration;

/**
 * Immutable options of an {@link AngelOneTickSource}: where to connect, the four credentials, heartbeat,
 * watchdog, reconnect schedule, token limit and parsing choices. Defaults live in the {@code DEFAULT_*}
 * constants; {@link Builder#build()} validates once and names the option that is wrong.
 */
public final class AngelOneOptions {
    /** Angel One's SmartAPI WebSocket 2.0 endpoint. */
    public static final URI DEFAULT_URL = URI.create("wss://smartapisocket.angelone.in/smart-stream");
    /** The source's name in logs and statuses. */
    public static final String DEFAULT_NAME = "angelone";
    /** Text {@code ping} every 10 s, as the official clients do. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);
    /** Close and reconnect when nothing (pongs count) arrived for this long. */
    public static final Duration DEFAULT_WATCHDOG_TIMEOUT = Duration.ofSeconds(20);
    /** 1 s, doubling, capped at 60 s, up to 20% jitter, FAILED after 50 attempts. */
    public static final ReconnectPolicy DEFAULT_RECONNECT_POLICY = ReconnectPolicy.builder()
            .initialDelay(Duration.ofSeconds(1)).multiplier(2.0).maxDelay(Duration.ofSeconds(60)).jitter(0.2)
            .maxAttempts(50).build();
    /** Token subscriptions per connection (per session per the docs; per connection is assumed). */
    public static final int MAX_TOKENS_PER_CONNECTION = 1000;
    /** Depth-20 tokens allowed at once. */
    public static final int MAX_DEPTH_20_TOKENS = 50;

    private final String name;
    private final URI url;
    private final String jwt;
    private final String apiKey;
    private final String clientCode;
    private final String feedToken;
    private final Duration pingInterval;
    private final Duration watchdogTimeout;
    private final ReconnectPolicy reconnectPolicy;
    private final int maxTokens;
    private final AngelOneParserOptions parserOptions;

    private AngelOneOptions(Builder b) {
        this.name = b.name;
        this.url = b.url;
        this.jwt = b.jwt;
        this.apiKey = b.apiKey;
        this.clientCode = b.clientCode;
        this.feedToken = b.feedToken;
        this.pingInterval = b.pingInterval;
        this.watchdogTimeout = b.watchdogTimeout;
        this.reconnectPolicy = b.reconnectPolicy;
        this.maxTokens = b.maxTokens;
        this.parserOptions = b.parser.build();
    }

    /** A builder starting from the defaults; the four credentials must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder mutate() {
        Builder b = new Builder().name(name).url(url).credentials(jwt, apiKey, clientCode, feedToken)
                .pingInterval(pingInterval).watchdogTimeout(watchdogTimeout).reconnectPolicy(reconnectPolicy)
                .maxTokens(maxTokens);
        b.parser = parserOptions.mutate();
        return b;
    }

    /** The source's name. */
    public String name() {
        return name;
    }

    /** The WebSocket URL. */
    public URI url() {
        return url;
    }

    /** The login JWT; secret, never logged. */
    public String jwt() {
        return jwt;
    }

    /** The SmartAPI key; secret, never logged. */
    public String apiKey() {
        return apiKey;
    }

    /** The client code (account id). */
    public String clientCode() {
        return clientCode;
    }

    /** The feed token; secret, never logged. */
    public String feedToken() {
        return feedToken;
    }

    /** How often a text {@code ping} is sent. */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** Silence after which the connection is considered dead. */
    public Duration watchdogTimeout() {
        return watchdogTimeout;
    }

    /** When to retry after a lost connection, and how often before FAILED. */
    public ReconnectPolicy reconnectPolicy() {
        return reconnectPolicy;
    }

    /** Tokens allowed on the connection, at most {@value #MAX_TOKENS_PER_CONNECTION}. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Options of the packet parser: clock, raw packets, registry and cde_fo scale. */
    public AngelOneParserOptions parserOptions() {
        return parserOptions;
    }

    /** Masks every secret. */
    @Override
    public String toString() {
        return "AngelOneOptions{name=" + name + ", url=" + url + ", clientCode=" + clientCode
                + ", jwt=****, apiKey=****, feedToken=****, pingInterval=" + pingInterval + ", watchdogTimeout="
                + watchdogTimeout + ", reconnectPolicy=" + reconnectPolicy + ", maxTokens=" + maxTokens
                + ", parser=" + parserOptions + '}';
    }

    /** Builds {@link AngelOneOptions}; not thread-safe. */
    public static final class Builder {
        private static final OptionChecks CHECK = OptionChecks.of("AngelOneOptions");

        private String name = DEFAULT_NAME;
        private URI url = DEFAULT_URL;
        private String jwt;
        private String apiKey;
        private String clientCode;
        private String feedToken;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration watchdogTimeout = DEFAULT_WATCHDOG_TIMEOUT;
        private ReconnectPolicy reconnectPolicy = DEFAULT_RECONNECT_POLICY;
        private int maxTokens = MAX_TOKENS_PER_CONNECTION;
        private AngelOneParserOptions.Builder parser = AngelOneParserOptions.builder();

        private Builder() {
        }

        /** The source's name in logs and statuses. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The WebSocket URL ({@code wss://}, or {@code ws://} for a local simulator). */
        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        /** The four handshake credentials: login JWT (with or without "Bearer "), api key, client code, feed token. */
        public Builder credentials(String jwt, String apiKey, String clientCode, String feedToken) {
            this.jwt = jwt;
            this.apiKey = apiKey;
            this.clientCode = clientCode;
            this.feedToken = feedToken;
            return this;
        }

        /** How often a text {@code ping} is sent. */
        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
            return this;
        }

        /** Silence after which the connection is closed and reopened. */
        public Builder watchdogTimeout(Duration watchdogTimeout) {
            this.watchdogTimeout = watchdogTimeout;
            return this;
        }

        /** When to retry after a lost connection; HTTP 401 is never retried. */
        public Builder reconnectPolicy(ReconnectPolicy reconnectPolicy) {
            this.reconnectPolicy = reconnectPolicy;
            return this;
        }

        /** Tokens allowed on the connection, 1 to {@value #MAX_TOKENS_PER_CONNECTION}. */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** The registry whose {@code angelone:*} aliases map instrument ids to Angel One tokens. */
        public Builder instruments(InstrumentRegistry instruments) {
            parser.instruments(instruments);
            return this;
        }

        /** Keeps each packet's bytes on its tick. */
        public Builder keepRawPackets(boolean keepRawPackets) {
            parser.keepRawPackets(keepRawPackets);
            return this;
        }

        /** The clock that stamps receive times and statuses. */
        public Builder clock(Clock clock) {
            parser.clock(clock);
            return this;
        }

        /** Decimal places of {@code cde_fo} prices (unverified; default 2). */
        public Builder cdeFoPriceScale(int scale) {
            parser.cdeFoPriceScale(scale);
            return this;
        }

        /**
         * The options.
         *
         * @throws InvalidConfigurationException naming the first option that is missing or out of range
         */
        public AngelOneOptions build() {
            CHECK.require(name != null && !name.isBlank(), "name must not be blank");
            CHECK.url(url, "url", "ws", "credentials go in headers");
            CHECK.text(jwt, "jwt");
            CHECK.text(apiKey, "apiKey");
            CHECK.text(clientCode, "clientCode");
            CHECK.text(feedToken, "feedToken");
            CHECK.positive(pingInterval, "pingInterval");
            CHECK.positive(watchdogTimeout, "watchdogTimeout");
            CHECK.require(reconnectPolicy != null, "reconnectPolicy is required");
            CHECK.require(maxTokens >= 1 && maxTokens <= MAX_TOKENS_PER_CONNECTION,
                    "maxTokens must be 1.." + MAX_TOKENS_PER_CONNECTION + ", was " + maxTokens);
            return new AngelOneOptions(this);
        }
    }
}
