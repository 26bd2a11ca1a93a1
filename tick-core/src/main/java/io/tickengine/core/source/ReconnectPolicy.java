package io.tickengine.core.source;

import io.tickengine.core.InvalidConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * When a network source retries after losing its connection: exponential backoff from
 * {@code initialDelay}, times {@code multiplier} per attempt, capped at {@code maxDelay}, optionally
 * shortened by random jitter, for at most {@code maxAttempts} attempts. Immutable; each connection
 * takes its own {@link Backoff} from {@link #newBackoff()}.
 */
public final class ReconnectPolicy {
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
    /** No jitter: delays are exactly the exponential sequence. */
    public static final double DEFAULT_JITTER = 0.0;
    /** {@link #maxAttempts()} meaning "retry forever". */
    public static final int UNLIMITED_ATTEMPTS = 0;
    public static final int DEFAULT_MAX_ATTEMPTS = UNLIMITED_ATTEMPTS;

    private static final ReconnectPolicy DEFAULTS = builder().build();

    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final int maxAttempts;
    private final long initialDelayMillis;
    private final long maxDelayMillis;

    private ReconnectPolicy(Builder b, long initialDelayMillis, long maxDelayMillis) {
        this.initialDelay = b.initialDelay;
        this.multiplier = b.multiplier;
        this.maxDelay = b.maxDelay;
        this.jitter = b.jitter;
        this.maxAttempts = b.maxAttempts;
        this.initialDelayMillis = initialDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** The defaults: 1 s, doubling, capped at 60 s, no jitter, unlimited attempts. */
    public static ReconnectPolicy create() {
        return DEFAULTS;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's values, to derive a changed copy. */
    public Builder mutate() {
        return new Builder().initialDelay(initialDelay).multiplier(multiplier).maxDelay(maxDelay)
                .jitter(jitter).maxAttempts(maxAttempts);
    }

    /** The delay before the first retry. */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** Factor by which each delay exceeds the previous one, at least 1. */
    public double multiplier() {
        return multiplier;
    }

    /** The longest delay. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** Fraction 0..1 by which a delay {@code d} may be shortened: it is drawn from {@code [d*(1-jitter), d]}. */
    public double jitter() {
        return jitter;
    }

    /** Retries before giving up, or {@link #UNLIMITED_ATTEMPTS}. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** A fresh backoff sequence for one connection; jitter, if any, comes from a private generator. */
    public Backoff newBackoff() {
        return new Backoff(this, new SplittableRandom());
    }

    /** A fresh backoff sequence drawing jitter from {@code random}; tests pass a seeded generator. */
    public Backoff newBackoff(RandomGenerator random) {
        return new Backoff(this, Objects.requireNonNull(random, "random"));
    }

    long initialDelayMillis() {
        return initialDelayMillis;
    }

    long maxDelayMillis() {
        return maxDelayMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ReconnectPolicy)) {
            return false;
        }
        ReconnectPolicy p = (ReconnectPolicy) o;
        return initialDelay.equals(p.initialDelay) && Double.compare(multiplier, p.multiplier) == 0
                && maxDelay.equals(p.maxDelay) && Double.compare(jitter, p.jitter) == 0
                && maxAttempts == p.maxAttempts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialDelay, multiplier, maxDelay, jitter, maxAttempts);
    }

    @Override
    public String toString() {
        return "ReconnectPolicy{initialDelay=" + initialDelay + ", multiplier=" + multiplier + ", maxDelay="
                + maxDelay + ", jitter=" + jitter + ", maxAttempts="
                + (maxAttempts == UNLIMITED_ATTEMPTS ? "unlimited" : Integer.toString(maxAttempts)) + '}';
    }

    /** Collects options; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double jitter = DEFAULT_JITTER;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

        private Builder() {
        }

        /** The delay before the first retry, at least 1 ms; default 1 s. */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
            return this;
        }

        /** Growth factor per attempt, at least 1; default 2. */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** The cap, at least {@code initialDelay}; default 60 s. */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
            return this;
        }

        /** Fraction 0..1 by which delays are randomly shortened; default 0 (none). */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Retries before giving up, or {@link #UNLIMITED_ATTEMPTS} (the default). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Validates and creates the policy.
         *
         * @throws InvalidConfigurationException naming the first option out of range
         */
        public ReconnectPolicy build() {
            long initialMillis = millis("initialDelay", initialDelay);
            if (initialMillis < 1) {
                throw invalid("initialDelay", "must be at least 1 ms", initialDelay);
            }
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw invalid("multiplier", "must be a finite number >= 1", multiplier);
            }
            long maxMillis = millis("maxDelay", maxDelay);
            if (maxMillis < initialMillis) {
                throw invalid("maxDelay", "must not be shorter than initialDelay " + initialDelay, maxDelay);
            }
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                throw invalid("jitter", "must be a fraction between 0 and 1", jitter);
            }
            if (maxAttempts < 0) {
                throw invalid("maxAttempts", "must be positive, or " + UNLIMITED_ATTEMPTS + " for unlimited",
                        maxAttempts);
            }
            return new ReconnectPolicy(this, initialMillis, maxMillis);
        }

        private static long millis(String option, Duration d) {
            try {
                return d.toMillis();
            } catch (ArithmeticException e) {
                throw invalid(option, "is too long", d);
            }
        }

        private static InvalidConfigurationException invalid(String option, String rule, Object value) {
            return new InvalidConfigurationException("reconnect option " + option + " " + rule + ", was " + value);
        }
    }
}
