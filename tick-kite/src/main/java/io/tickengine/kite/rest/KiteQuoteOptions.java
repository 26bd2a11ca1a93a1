package io.tickengine.kite.rest;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.OptionChecks;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Immutable options of a {@link KiteQuotePoller}: the REST endpoint and credentials, the poll interval of
 * each {@link PollTier}, the shared rate limiter, the retry schedule and the circuit breaker. Defaults
 * live in the {@code DEFAULT_*} constants; {@link Builder#build()} names the option that is wrong.
 */
public final class KiteQuoteOptions {
    /** The source's name in logs and statuses. */
    public static final String DEFAULT_NAME = "kite-quotes";
    /** Hot instruments are polled this often. */
    public static final Duration DEFAULT_HOT_INTERVAL = Duration.ofSeconds(1);
    /** Cold instruments are polled this often. */
    public static final Duration DEFAULT_COLD_INTERVAL = Duration.ofSeconds(30);
    /** The tier of instruments subscribed through {@link io.tickengine.core.source.TickSource#subscribe}. */
    public static final PollTier DEFAULT_TIER = PollTier.HOT;
    /** Retries after failed requests: 1 s, doubling, capped at 60 s, 20% jitter, FAILED after 50 in a row. */
    public static final ReconnectPolicy DEFAULT_RETRY_POLICY = ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(1))
            .multiplier(2.0).maxDelay(Duration.ofSeconds(60)).jitter(0.2).maxAttempts(50).build();
    /** Consecutive failures that open the circuit. */
    public static final int DEFAULT_BREAKER_THRESHOLD = 5;
    /** How long an open circuit pauses all requests before one trial request. */
    public static final Duration DEFAULT_BREAKER_OPEN_DURATION = Duration.ofSeconds(30);

    private final String name;
    private final KiteRestOptions rest;
    private final Duration hotInterval;
    private final Duration coldInterval;
    private final PollTier defaultTier;
    private final KiteRateLimiter rateLimiter;
    private final ReconnectPolicy retryPolicy;
    private final int breakerThreshold;
    private final Duration breakerOpenDuration;
    private final Clock clock;
    private final LongFunction<Instrument> instrumentLookup;

    private KiteQuoteOptions(Builder b) {
        this.name = b.name;
        this.rest = b.rest;
        this.hotInterval = b.hotInterval;
        this.coldInterval = b.coldInterval;
        this.defaultTier = b.defaultTier;
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : KiteRateLimiter.forApiKey(b.rest.apiKey());
        this.retryPolicy = b.retryPolicy;
        this.breakerThreshold = b.breakerThreshold;
        this.breakerOpenDuration = b.breakerOpenDuration;
        this.clock = b.clock;
        this.instrumentLookup = b.instrumentLookup;
    }

    /** A builder starting from the defaults; the REST options must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder mutate() {
        return new Builder().name(name).rest(rest).hotInterval(hotInterval).coldInterval(coldInterval)
                .defaultTier(defaultTier).rateLimiter(rateLimiter).retryPolicy(retryPolicy)
                .breakerThreshold(breakerThreshold).breakerOpenDuration(breakerOpenDuration).clock(clock)
                .instrumentLookup(instrumentLookup);
    }

    /** The source's name. */
    public String name() {
        return name;
    }

    /** Base URL and credentials. */
    public KiteRestOptions rest() {
        return rest;
    }

    /** Poll interval of hot instruments. */
    public Duration hotInterval() {
        return hotInterval;
    }

    /** Poll interval of cold instruments. */
    public Duration coldInterval() {
        return coldInterval;
    }

    /** The poll interval of a tier. */
    public Duration interval(PollTier tier) {
        return tier == PollTier.HOT ? hotInterval : coldInterval;
    }

    /** The tier of instruments subscribed without one. */
    public PollTier defaultTier() {
        return defaultTier;
    }

    /** The bucket every request takes a permit from; by default the one shared by all pollers of the api key. */
    public KiteRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Delays between retries of failed requests, and how many in a row before FAILED. */
    public ReconnectPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Consecutive failures that open the circuit. */
    public int breakerThreshold() {
        return breakerThreshold;
    }

    /** How long an open circuit pauses requests. */
    public Duration breakerOpenDuration() {
        return breakerOpenDuration;
    }

    /** Stamps receive times. */
    public Clock clock() {
        return clock;
    }

    /** Token to instrument lookup for trading symbols and index exchanges; null when none. */
    public LongFunction<Instrument> instrumentLookup() {
        return instrumentLookup;
    }

    @Override
    public String toString() {
        return "KiteQuoteOptions{name=" + name + ", rest=" + rest + ", hotInterval=" + hotInterval + ", coldInterval="
                + coldInterval + ", defaultTier=" + defaultTier + ", rateLimiter=" + rateLimiter + ", retryPolicy="
                + retryPolicy + ", breakerThreshold=" + breakerThreshold + ", breakerOpenDuration="
                + breakerOpenDuration + '}';
    }

    /** Builds {@link KiteQuoteOptions}; not thread-safe. */
    public static final class Builder {
        private static final OptionChecks CHECK = OptionChecks.of("KiteQuoteOptions");

        private String name = DEFAULT_NAME;
        private KiteRestOptions rest;
        private Duration hotInterval = DEFAULT_HOT_INTERVAL;
        private Duration coldInterval = DEFAULT_COLD_INTERVAL;
        private PollTier defaultTier = DEFAULT_TIER;
        private KiteRateLimiter rateLimiter;
        private ReconnectPolicy retryPolicy = DEFAULT_RETRY_POLICY;
        private int breakerThreshold = DEFAULT_BREAKER_THRESHOLD;
        private Duration breakerOpenDuration = DEFAULT_BREAKER_OPEN_DURATION;
        private Clock clock = Clock.system();
        private LongFunction<Instrument> instrumentLookup;

        private Builder() {
        }

        /** The source's name in logs and statuses. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Base URL and credentials; required. */
        public Builder rest(KiteRestOptions rest) {
            this.rest = rest;
            return this;
        }

        /** Poll interval of hot instruments. */
        public Builder hotInterval(Duration hotInterval) {
            this.hotInterval = hotInterval;
            return this;
        }

        /** Poll interval of cold instruments, at least the hot interval. */
        public Builder coldInterval(Duration coldInterval) {
            this.coldInterval = coldInterval;
            return this;
        }

        /** The tier of instruments subscribed without one. */
        public Builder defaultTier(PollTier defaultTier) {
            this.defaultTier = defaultTier;
            return this;
        }

        /** The bucket requests take permits from; null (the default) shares the api key's 1 request/s bucket. */
        public Builder rateLimiter(KiteRateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /** Delays between retries of failed requests; HTTP 403 is never retried. */
        public Builder retryPolicy(ReconnectPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Consecutive failures that open the circuit, at least 1. */
        public Builder breakerThreshold(int breakerThreshold) {
            this.breakerThreshold = breakerThreshold;
            return this;
        }

        /** How long an open circuit pauses requests. */
        public Builder breakerOpenDuration(Duration breakerOpenDuration) {
            this.breakerOpenDuration = breakerOpenDuration;
            return this;
        }

        /** The clock that stamps receive times. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Token to instrument lookup (for example the registry's {@code findByToken}); fast and thread-safe. */
        public Builder instrumentLookup(LongFunction<Instrument> instrumentLookup) {
            this.instrumentLookup = instrumentLookup;
            return this;
        }

        /**
         * The options.
         *
         * @throws InvalidConfigurationException naming the first option that is missing or out of range
         */
        public KiteQuoteOptions build() {
            CHECK.require(name != null && !name.isBlank(), "name must not be blank");
            CHECK.require(rest != null, "rest is required");
            CHECK.positive(hotInterval, "hotInterval");
            CHECK.positive(coldInterval, "coldInterval");
            CHECK.require(coldInterval.compareTo(hotInterval) >= 0, "coldInterval must not be shorter than hotInterval");
            CHECK.require(defaultTier != null, "defaultTier is required");
            CHECK.require(retryPolicy != null, "retryPolicy is required");
            CHECK.require(breakerThreshold >= 1, "breakerThreshold must be at least 1, was " + breakerThreshold);
            CHECK.positive(breakerOpenDuration, "breakerOpenDuration");
            CHECK.require(clock != null, "clock is required");
            return new KiteQuoteOptions(this);
        }
    }
}
