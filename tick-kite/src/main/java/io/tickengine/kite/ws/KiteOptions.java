package io.tickengine.kite.ws;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.time.Clock;
import io.tickengine.kite.parse.KiteParserOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
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
    /** Reconnect attempts after a lost connection before giving up with FAILED. */
    public static final int DEFAULT_MAX_RECONNECT_ATTEMPTS = 50;
    /** First reconnect delay. */
    public static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofSeconds(1);
    /** Each further delay is the previous one times this. */
    public static final double DEFAULT_RECONNECT_MULTIPLIER = 2.0;
    /** Reconnect delays never exceed this. */
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(60);
    /** Kite streams at most this many instruments on one connection. */
    public static final int MAX_INSTRUMENTS_PER_CONNECTION = 3000;

    private final String name;
    private final URI url;
    private final String apiKey;
    private final String accessToken;
    private final Duration watchdogTimeout;
    private final int maxReconnectAttempts;
    private final Duration reconnectInitialDelay;
    private final double reconnectMultiplier;
    private final Duration reconnectMaxDelay;
    private final int maxInstruments;
    private final KiteParserOptions parserOptions;

    private KiteOptions(Builder b) {
        this.name = b.name;
        this.url = b.url;
        this.apiKey = b.apiKey;
        this.accessToken = b.accessToken;
        this.watchdogTimeout = b.watchdogTimeout;
        this.maxReconnectAttempts = b.maxReconnectAttempts;
        this.reconnectInitialDelay = b.reconnectInitialDelay;
        this.reconnectMultiplier = b.reconnectMultiplier;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
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
                .watchdogTimeout(watchdogTimeout).maxReconnectAttempts(maxReconnectAttempts)
                .reconnectInitialDelay(reconnectInitialDelay).reconnectMultiplier(reconnectMultiplier)
                .reconnectMaxDelay(reconnectMaxDelay).maxInstruments(maxInstruments)
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

    /** Reconnect attempts after a lost connection before FAILED; 0 means never reconnect. */
    public int maxReconnectAttempts() {
        return maxReconnectAttempts;
    }

    /** First reconnect delay. */
    public Duration reconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    /** Growth factor of reconnect delays. */
    public double reconnectMultiplier() {
        return reconnectMultiplier;
    }

    /** Cap of reconnect delays. */
    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
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
                + ", watchdogTimeout=" + watchdogTimeout + ", maxReconnectAttempts=" + maxReconnectAttempts
                + ", reconnectInitialDelay=" + reconnectInitialDelay + ", reconnectMultiplier=" + reconnectMultiplier
                + ", reconnectMaxDelay=" + reconnectMaxDelay + ", maxInstruments=" + maxInstruments
                + ", parser=" + parserOptions + '}';
    }

    /** Builds {@link KiteOptions}; not thread-safe. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private URI url = DEFAULT_URL;
        private String apiKey;
        private String accessToken;
        private Duration watchdogTimeout = DEFAULT_WATCHDOG_TIMEOUT;
        private int maxReconnectAttempts = DEFAULT_MAX_RECONNECT_ATTEMPTS;
        private Duration reconnectInitialDelay = DEFAULT_RECONNECT_INITIAL_DELAY;
        private double reconnectMultiplier = DEFAULT_RECONNECT_MULTIPLIER;
        private Duration reconnectMaxDelay = DEFAULT_RECONNECT_MAX_DELAY;
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

        /** Reconnect attempts after a lost connection before FAILED. */
        public Builder maxReconnectAttempts(int maxReconnectAttempts) {
            this.maxReconnectAttempts = maxReconnectAttempts;
            return this;
        }

        /** First reconnect delay. */
        public Builder reconnectInitialDelay(Duration reconnectInitialDelay) {
            this.reconnectInitialDelay = reconnectInitialDelay;
            return this;
        }

        /** Growth factor of reconnect delays, at least 1. */
        public Builder reconnectMultiplier(double reconnectMultiplier) {
            this.reconnectMultiplier = reconnectMultiplier;
            return this;
        }

        /** Cap of reconnect delays. */
        public Builder reconnectMaxDelay(Duration reconnectMaxDelay) {
            this.reconnectMaxDelay = reconnectMaxDelay;
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
            require(name != null && !name.isBlank(), "name must not be blank");
            require(url != null, "url is required");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            require(scheme.equals("ws") || scheme.equals("wss"), "url must be ws:// or wss://, was " + url);
            require(url.getRawQuery() == null, "url must not carry a query; credentials are added from apiKey and accessToken");
            require(apiKey != null && !apiKey.isBlank(), "apiKey is required");
            require(accessToken != null && !accessToken.isBlank(), "accessToken is required");
            requirePositive(watchdogTimeout, "watchdogTimeout");
            require(maxReconnectAttempts >= 0, "maxReconnectAttempts must be >= 0, was " + maxReconnectAttempts);
            requirePositive(reconnectInitialDelay, "reconnectInitialDelay");
            requirePositive(reconnectMaxDelay, "reconnectMaxDelay");
            require(reconnectMaxDelay.compareTo(reconnectInitialDelay) >= 0,
                    "reconnectMaxDelay must be >= reconnectInitialDelay");
            require(reconnectMultiplier >= 1.0 && Double.isFinite(reconnectMultiplier),
                    "reconnectMultiplier must be a finite number >= 1, was " + reconnectMultiplier);
            require(maxInstruments >= 1 && maxInstruments <= MAX_INSTRUMENTS_PER_CONNECTION,
                    "maxInstruments must be 1.." + MAX_INSTRUMENTS_PER_CONNECTION + ", was " + maxInstruments);
            require(clock != null, "clock is required");
            return new KiteOptions(this);
        }

        private static void requirePositive(Duration d, String option) {
            require(d != null && !d.isNegative() && !d.isZero(), option + " must be a positive duration, was " + d);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new InvalidConfigurationException("KiteOptions." + message);
            }
        }
    }
}
