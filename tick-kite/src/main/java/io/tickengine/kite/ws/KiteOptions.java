package io.tickengine.kite.ws;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.OptionChecks;
import io.tickengine.kite.parse.KiteParserOptions;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Immutable options of a {@link KiteTickSource}: where to connect, the credentials, the watchdog,
 * the reconnect schedule and parsing choices. Defaults live in the {@code DEFAULT_*} constants;
 * {@link Builder#build()} validates once and names the option that is wrong.
 */
public final class KiteOptions {
    /** Kite's market data WebSocket. */
    public static final URI DEFAULT_URL = URI.create("wss://ws.kite.trade");
    /** The source's name in logs and statuses. */
    public static final String DEFAULT_NAME = "kite";
    /** Close and reconnect when no frame (heartbeats count) arrived for this long. */
    public static final Duration DEFAULT_WATCHDOG_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Reconnect schedule: 1 s, doubling, capped at 60 s, shortened by up to 20% jitter so that many
     * connections do not retry in step, and FAILED after 50 attempts (the official clients' default).
     */
    public static final ReconnectPolicy DEFAULT_RECONNECT_POLICY = ReconnectPolicy.builder()
            .initialDelay(Duration.ofSeconds(1)).multiplier(2.0).maxDelay(Duration.ofSeconds(60)).jitter(0.2)
            .maxAttempts(50).build();
    /** Kite streams at most this many instruments on one connection. */
    public static final int MAX_INSTRUMENTS_PER_CONNECTION = 3000;

    private final String name;
    private final URI url;
    private final String apiKey;
    private final String accessToken;
    private final Duration watchdogTimeout;
    private final ReconnectPolicy reconnectPolicy;
    private final int maxInstruments;
    private final KiteParserOptions parserOptions;

    private KiteOptions(Builder b) {
        this.name = b.name;
        this.url = b.url;
        this.apiKey = b.apiKey;
        this.accessToken = b.accessToken;
        this.watchdogTimeout = b.watchdogTimeout;
        this.reconnectPolicy = b.reconnectPolicy;
        this.maxInstruments = b.maxInstruments;
        this.parserOptions = KiteParserOptions.builder().clock(b.clock).keepRawPackets(b.keepRawPackets)
                .instrumentLookup(b.instrumentLookup).build();
    }

    /** A builder starting from the defaults; api key and access token must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder mutate() {
        return new Builder().name(name).url(url).apiKey(apiKey).accessToken(accessToken)
                .watchdogTimeout(watchdogTimeout).reconnectPolicy(reconnectPolicy).maxInstruments(maxInstruments)
                .keepRawPackets(parserOptions.keepRawPackets()).clock(parserOptions.clock())
                .instrumentLookup(parserOptions.instrumentLookup());
    }

    /** The source's name. */
    public String name() {
        return name;
    }

    /** The WebSocket URL without credentials. */
    public URI url() {
        return url;
    }

    /** The Kite Connect api key. */
    public String apiKey() {
        return apiKey;
    }

    /** The access token; secret, never logged. */
    public String accessToken() {
        return accessToken;
    }

    /** Silence after which the connection is considered dead. */
    public Duration watchdogTimeout() {
        return watchdogTimeout;
    }

    /** When to retry after a lost connection, and how often before FAILED. */
    public ReconnectPolicy reconnectPolicy() {
        return reconnectPolicy;
    }

    /** Instruments allowed on the connection, at most {@value #MAX_INSTRUMENTS_PER_CONNECTION}. */
    public int maxInstruments() {
        return maxInstruments;
    }

    /** Options of the frame parser: clock, raw packets and instrument lookup. */
    public KiteParserOptions parserOptions() {
        return parserOptions;
    }

    /** Masks the access token. */
    @Override
    public String toString() {
        return "KiteOptions{name=" + name + ", url=" + url + ", apiKey=" + apiKey + ", accessToken=****"
                + ", watchdogTimeout=" + watchdogTimeout + ", reconnectPolicy=" + reconnectPolicy
                + ", maxInstruments=" + maxInstruments
                + ", parser=" + parserOptions + '}';
    }

    /** Builds {@link KiteOptions}; not thread-safe. */
    public static final class Builder {
        private static final OptionChecks CHECK = OptionChecks.of("KiteOptions");

        private String name = DEFAULT_NAME;
        private URI url = DEFAULT_URL;
        private String apiKey;
        private String accessToken;
        private Duration watchdogTimeout = DEFAULT_WATCHDOG_TIMEOUT;
        private ReconnectPolicy reconnectPolicy = DEFAULT_RECONNECT_POLICY;
        private int maxInstruments = MAX_INSTRUMENTS_PER_CONNECTION;
        private boolean keepRawPackets = KiteParserOptions.DEFAULT_KEEP_RAW_PACKETS;
        private Clock clock = Clock.system();
        private LongFunction<Instrument> instrumentLookup;

        private Builder() {
        }

        /** The source's name in logs and statuses. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The WebSocket URL ({@code ws://} or {@code wss://}) without credentials. */
        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        /** The Kite Connect api key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The day's access token. */
        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        /** Silence after which the connection is closed and reopened. */
        public Builder watchdogTimeout(Duration watchdogTimeout) {
            this.watchdogTimeout = watchdogTimeout;
            return this;
        }

        /**
         * When to retry after a lost connection; {@link ReconnectPolicy#UNLIMITED_ATTEMPTS} retries forever.
         * HTTP 403 is never retried, whatever the policy.
         */
        public Builder reconnectPolicy(ReconnectPolicy reconnectPolicy) {
            this.reconnectPolicy = reconnectPolicy;
            return this;
        }

        /** Instruments allowed on the connection, 1 to {@value #MAX_INSTRUMENTS_PER_CONNECTION}. */
        public Builder maxInstruments(int maxInstruments) {
            this.maxInstruments = maxInstruments;
            return this;
        }

        /** Keeps each packet's bytes on its tick. */
        public Builder keepRawPackets(boolean keepRawPackets) {
            this.keepRawPackets = keepRawPackets;
            return this;
        }

        /** The clock that stamps receive times. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Token to instrument lookup for trading symbols and index exchanges; fast and thread-safe. */
        public Builder instrumentLookup(LongFunction<Instrument> instrumentLookup) {
            this.instrumentLookup = instrumentLookup;
            return this;
        }

        /**
         * The options.
         *
         * @throws InvalidConfigurationException naming the first option that is missing or out of range
         */
        public KiteOptions build() {
            CHECK.require(name != null && !name.isBlank(), "name must not be blank");
            CHECK.url(url, "url", "ws", "credentials are added from apiKey and accessToken");
            CHECK.text(apiKey, "apiKey");
            CHECK.text(accessToken, "accessToken");
            CHECK.positive(watchdogTimeout, "watchdogTimeout");
            CHECK.require(reconnectPolicy != null, "reconnectPolicy is required");
            CHECK.require(maxInstruments >= 1 && maxInstruments <= MAX_INSTRUMENTS_PER_CONNECTION,
                    "maxInstruments must be 1.." + MAX_INSTRUMENTS_PER_CONNECTION + ", was " + maxInstruments);
            CHECK.require(clock != null, "clock is required");
            return new KiteOptions(this);
        }
    }
}
