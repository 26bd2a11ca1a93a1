package io.tickengine.cache.redis;

import io.lettuce.core.RedisURI;
import io.tickengine.cache.redis.internal.UriMask;
import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the Redis cache needs to know: where Redis is, the key prefix, TTLs, stream caps,
 * publish batching and which parts are on. Immutable; build with {@link #builder()}, derive with
 * {@link #mutate()}. {@link #toString()} masks a password in the URI.
 */
public final class RedisCacheOptions {
    /** Redis on this machine, default port. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    /** No prefix: keys are named as in the seeds. */
    public static final String DEFAULT_KEY_PREFIX = "";
    /** Intraday tick history keys live two days (seed 000), set when the key is created. */
    public static final Duration DEFAULT_TICK_HISTORY_TTL = Duration.ofDays(2);
    /** A latest tick is kept a day after its last write. */
    public static final Duration DEFAULT_LATEST_TICK_TTL = Duration.ofDays(1);
    /** Seed 003 suggests 5 to 30 minutes; longer intervals keep their latest candle for two intervals at least. */
    public static final Duration DEFAULT_CANDLE_LATEST_TTL = Duration.ofMinutes(30);
    /** Approximate cap of each candle stream (seed 003: the last hour of 1 s candles). */
    public static final int DEFAULT_CANDLE_STREAM_MAX_LEN = 3600;
    /** Idle candle streams expire after this; every write extends it. */
    public static final Duration DEFAULT_CANDLE_STREAM_TTL = Duration.ofDays(2);
    /** Instrument lists are kept a day (seed 000). */
    public static final Duration DEFAULT_INSTRUMENTS_TTL = Duration.ofDays(1);
    /** Buffered ticks are published at least this often (seed 002). */
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(100);
    /** Buffered ticks are published as soon as this many are waiting (seed 002). */
    public static final int DEFAULT_PUBLISH_MAX_TICKS = 1000;
    /** Latest ticks are conflated per instrument and written at most this often (zero: with every batch). */
    public static final Duration DEFAULT_LATEST_TICK_INTERVAL = Duration.ofMillis(100);
    /** How long a batch or a query waits for Redis's replies. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);
    /** How long opening a connection may take. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Longest pause between two reconnect attempts after Redis went away. */
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    private static final RedisCacheOptions DEFAULTS = builder().build();

    private final String uri;
    private final String keyPrefix;
    private final Set<CachePart> parts;
    private final boolean legacyTickList;
    private final Duration tickHistoryTtl;
    private final Duration latestTickTtl;
    private final Duration candleLatestTtl;
    private final int candleStreamMaxLen;
    private final Duration candleStreamTtl;
    private final Duration instrumentsTtl;
    private final Duration publishInterval;
    private final int publishMaxTicks;
    private final Duration latestTickInterval;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final Duration maxReconnectDelay;
    private final Clock clock;

    private RedisCacheOptions(Builder b) {
        this.uri = b.uri;
        this.keyPrefix = b.keyPrefix;
        this.parts = Collections.unmodifiableSet(EnumSet.copyOf(b.parts));
        this.legacyTickList = b.legacyTickList;
        this.tickHistoryTtl = b.tickHistoryTtl;
        this.latestTickTtl = b.latestTickTtl;
        this.candleLatestTtl = b.candleLatestTtl;
        this.candleStreamMaxLen = b.candleStreamMaxLen;
        this.candleStreamTtl = b.candleStreamTtl;
        this.instrumentsTtl = b.instrumentsTtl;
        this.publishInterval = b.publishInterval;
        this.publishMaxTicks = b.publishMaxTicks;
        this.latestTickInterval = b.latestTickInterval;
        this.commandTimeout = b.commandTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxReconnectDelay = b.maxReconnectDelay;
        this.clock = b.clock;
    }

    /** The defaults: local Redis, no prefix, every part on. */
    public static RedisCacheOptions create() {
        return DEFAULTS;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive a changed copy. */
    public Builder mutate() {
        return new Builder().uri(uri).keyPrefix(keyPrefix).parts(parts).legacyTickList(legacyTickList)
                .tickHistoryTtl(tickHistoryTtl).latestTickTtl(latestTickTtl).candleLatestTtl(candleLatestTtl)
                .candleStreamMaxLen(candleStreamMaxLen).candleStreamTtl(candleStreamTtl).instrumentsTtl(instrumentsTtl)
                .publishInterval(publishInterval).publishMaxTicks(publishMaxTicks).latestTickInterval(latestTickInterval)
                .commandTimeout(commandTimeout)
                .connectTimeout(connectTimeout).maxReconnectDelay(maxReconnectDelay).clock(clock);
    }

    /** The Redis URI, possibly with a password: never log it, log {@link #maskedUri()}. */
    public String uri() {
        return uri;
    }

    /** The URI with its password replaced by {@code ***}. */
    public String maskedUri() {
        return UriMask.mask(uri);
    }

    /** Prepended to every key and channel name. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** The parts that are on. */
    public Set<CachePart> parts() {
        return parts;
    }

    /** Whether a part is on. */
    public boolean isOn(CachePart part) {
        return parts.contains(part);
    }

    /** Whether the tick history is written as seed 000's List of TickDto JSON instead of a Stream. */
    public boolean legacyTickList() {
        return legacyTickList;
    }

    /** TTL of a tick history key, set when the key is created. */
    public Duration tickHistoryTtl() {
        return tickHistoryTtl;
    }

    /** TTL of a latest-tick key, restarted by every write. */
    public Duration latestTickTtl() {
        return latestTickTtl;
    }

    /** TTL of a latest-candle key; at least two intervals of the candle. */
    public Duration candleLatestTtl() {
        return candleLatestTtl;
    }

    /** Approximate length cap of each candle stream ({@code MAXLEN ~}). */
    public int candleStreamMaxLen() {
        return candleStreamMaxLen;
    }

    /** TTL of a candle stream, restarted by every write. */
    public Duration candleStreamTtl() {
        return candleStreamTtl;
    }

    /** TTL of the cached instrument lists. */
    public Duration instrumentsTtl() {
        return instrumentsTtl;
    }

    /** Buffered ticks are published at least this often. */
    public Duration publishInterval() {
        return publishInterval;
    }

    /** Buffered ticks are published as soon as this many wait. */
    public int publishMaxTicks() {
        return publishMaxTicks;
    }

    /** How often, at most, a tick sink writes the latest ticks; they are conflated per instrument meanwhile. */
    public Duration latestTickInterval() {
        return latestTickInterval;
    }

    /** How long a batch or a query waits for Redis's replies. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** How long opening a connection may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest pause between two reconnect attempts. */
    public Duration maxReconnectDelay() {
        return maxReconnectDelay;
    }

    /** The clock that decides "today" for queries and the age of buffered publishes. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "RedisCacheOptions{uri=" + maskedUri() + ", keyPrefix='" + keyPrefix + "', parts=" + parts
                + ", legacyTickList=" + legacyTickList + ", tickHistoryTtl=" + tickHistoryTtl + ", latestTickTtl="
                + latestTickTtl + ", candleLatestTtl=" + candleLatestTtl + ", candleStreamMaxLen=" + candleStreamMaxLen
                + ", candleStreamTtl=" + candleStreamTtl + ", instrumentsTtl=" + instrumentsTtl + ", publishInterval="
                + publishInterval + ", publishMaxTicks=" + publishMaxTicks + ", latestTickInterval=" + latestTickInterval
                + ", commandTimeout=" + commandTimeout
                + ", connectTimeout=" + connectTimeout + ", maxReconnectDelay=" + maxReconnectDelay + '}';
    }

    /** Collects options; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String uri = DEFAULT_URI;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private EnumSet<CachePart> parts = EnumSet.allOf(CachePart.class);
        private boolean legacyTickList;
        private Duration tickHistoryTtl = DEFAULT_TICK_HISTORY_TTL;
        private Duration latestTickTtl = DEFAULT_LATEST_TICK_TTL;
        private Duration candleLatestTtl = DEFAULT_CANDLE_LATEST_TTL;
        private int candleStreamMaxLen = DEFAULT_CANDLE_STREAM_MAX_LEN;
        private Duration candleStreamTtl = DEFAULT_CANDLE_STREAM_TTL;
        private Duration instrumentsTtl = DEFAULT_INSTRUMENTS_TTL;
        private Duration publishInterval = DEFAULT_PUBLISH_INTERVAL;
        private int publishMaxTicks = DEFAULT_PUBLISH_MAX_TICKS;
        private Duration latestTickInterval = DEFAULT_LATEST_TICK_INTERVAL;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
        private Clock clock = Clock.system();

        private Builder() {
        }

        /** A {@code redis://[user:password@]host[:port][/db]} or {@code rediss://} URI. */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /** Prefix for every key and channel, for example {@code prod:}; default none. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** Exactly these parts on; default all. */
        public Builder parts(Set<CachePart> parts) {
            this.parts = parts == null ? null : EnumSet.noneOf(CachePart.class);
            if (parts != null) {
                this.parts.addAll(parts);
            }
            return this;
        }

        /** Switches parts off. */
        public Builder without(CachePart... off) {
            for (CachePart p : off) {
                parts.remove(p);
            }
            return this;
        }

        /** Writes the tick history as seed 000's List of JSON (for existing readers) instead of a Stream. */
        public Builder legacyTickList(boolean legacyTickList) {
            this.legacyTickList = legacyTickList;
            return this;
        }

        public Builder tickHistoryTtl(Duration ttl) {
            this.tickHistoryTtl = ttl;
            return this;
        }

        public Builder latestTickTtl(Duration ttl) {
            this.latestTickTtl = ttl;
            return this;
        }

        public Builder candleLatestTtl(Duration ttl) {
            this.candleLatestTtl = ttl;
            return this;
        }

        public Builder candleStreamMaxLen(int maxLen) {
            this.candleStreamMaxLen = maxLen;
            return this;
        }

        public Builder candleStreamTtl(Duration ttl) {
            this.candleStreamTtl = ttl;
            return this;
        }

        public Builder instrumentsTtl(Duration ttl) {
            this.instrumentsTtl = ttl;
            return this;
        }

        public Builder publishInterval(Duration interval) {
            this.publishInterval = interval;
            return this;
        }

        public Builder publishMaxTicks(int maxTicks) {
            this.publishMaxTicks = maxTicks;
            return this;
        }

        /** Zero writes the latest ticks with every batch. */
        public Builder latestTickInterval(Duration interval) {
            this.latestTickInterval = interval;
            return this;
        }

        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder maxReconnectDelay(Duration delay) {
            this.maxReconnectDelay = delay;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Validates and creates the options.
         *
         * @throws InvalidConfigurationException naming the first option that is missing or out of range
         */
        public RedisCacheOptions build() {
            require(uri != null && !uri.isBlank(), "uri", "must be set", uri);
            try {
                RedisURI.create(uri);
            } catch (RuntimeException e) {
                throw new InvalidConfigurationException("redis cache option uri is not a Redis URI: "
                        + UriMask.mask(uri));
            }
            require(keyPrefix != null, "keyPrefix", "must not be null (use \"\" for none)", null);
            require(parts != null, "parts", "must not be null", null);
            require(clock != null, "clock", "must not be null", null);
            atLeast(tickHistoryTtl, Duration.ofSeconds(1), "tickHistoryTtl");
            atLeast(latestTickTtl, Duration.ofSeconds(1), "latestTickTtl");
            atLeast(candleLatestTtl, Duration.ofSeconds(1), "candleLatestTtl");
            atLeast(candleStreamTtl, Duration.ofSeconds(1), "candleStreamTtl");
            atLeast(instrumentsTtl, Duration.ofSeconds(1), "instrumentsTtl");
            atLeast(publishInterval, Duration.ofMillis(1), "publishInterval");
            atLeast(latestTickInterval, Duration.ZERO, "latestTickInterval");
            atLeast(commandTimeout, Duration.ofMillis(1), "commandTimeout");
            atLeast(connectTimeout, Duration.ofMillis(1), "connectTimeout");
            atLeast(maxReconnectDelay, Duration.ofMillis(1), "maxReconnectDelay");
            require(candleStreamMaxLen >= 1, "candleStreamMaxLen", "must be positive", candleStreamMaxLen);
            require(publishMaxTicks >= 1, "publishMaxTicks", "must be positive", publishMaxTicks);
            return new RedisCacheOptions(this);
        }

        private static void atLeast(Duration d, Duration min, String option) {
            require(d != null, option, "must not be null", null);
            require(d.compareTo(min) >= 0, option, "must be at least " + min, d);
        }

        private static void require(boolean ok, String option, String rule, Object value) {
            if (!ok) {
                throw new InvalidConfigurationException("redis cache option " + option + " " + rule + ", was " + value);
            }
        }
    }
}
