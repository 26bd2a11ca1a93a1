package io.tickengine.core.engine;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.sink.OverflowPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs one sink: its buffer, batch size, overflow policy and failure handling.
 * Immutable; build with {@link #builder()}, derive with {@link #mutate()}.
 */
public final class SinkOptions {
    /** Buffered items per sink before the overflow policy applies. */
    public static final int DEFAULT_CAPACITY = 65_536;
    /**
     * Under {@code CONFLATE}, the most items that pass through in arrival order (the capacity, if
     * smaller) before the latest per key is kept instead: a conflating sink wants fresh data, so a
     * sink that falls behind reaches the latest state within a few batches.
     */
    public static final int CONFLATE_PASS_THROUGH_LIMIT = 4_096;
    /** Most items handed to a sink in one batch. */
    public static final int DEFAULT_MAX_BATCH = 1_024;
    /** Consecutive failed deliveries that open the circuit. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /** First retry delay after a failed delivery; doubles per consecutive failure. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(10);
    /** Longest retry delay. */
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(1);
    /** How long an open circuit waits before letting one trial batch through. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(5);
    /** Longest gap between two {@code onTimer} calls. */
    public static final Duration DEFAULT_TIMER_INTERVAL = Duration.ofMillis(10);

    private static final SinkOptions DEFAULTS = builder().build();

    private final int capacity;
    private final int maxBatch;
    private final OverflowPolicy overflowPolicy;
    private final int failureThreshold;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final Duration openDuration;
    private final Duration timerInterval;

    private SinkOptions(Builder b) {
        this.capacity = b.capacity;
        this.maxBatch = b.maxBatch;
        this.overflowPolicy = b.overflowPolicy;
        this.failureThreshold = b.failureThreshold;
        this.retryBackoff = b.retryBackoff;
        this.maxRetryBackoff = b.maxRetryBackoff;
        this.openDuration = b.openDuration;
        this.timerInterval = b.timerInterval;
    }

    /** The defaults; the overflow policy is the one the sink declares. */
    public static SinkOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these options. */
    public Builder mutate() {
        return new Builder().capacity(capacity).maxBatch(maxBatch).overflowPolicy(overflowPolicy)
                .failureThreshold(failureThreshold).retryBackoff(retryBackoff).maxRetryBackoff(maxRetryBackoff)
                .openDuration(openDuration).timerInterval(timerInterval);
    }

    public int capacity() {
        return capacity;
    }

    public int maxBatch() {
        return maxBatch;
    }

    /** The policy to use instead of the sink's own, or null to use the sink's. */
    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    public int failureThreshold() {
        return failureThreshold;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }

    public Duration openDuration() {
        return openDuration;
    }

    public Duration timerInterval() {
        return timerInterval;
    }

    @Override
    public String toString() {
        return "SinkOptions{capacity=" + capacity + ", maxBatch=" + maxBatch + ", overflowPolicy=" + overflowPolicy
                + ", failureThreshold=" + failureThreshold + ", retryBackoff=" + retryBackoff
                + ", maxRetryBackoff=" + maxRetryBackoff + ", openDuration=" + openDuration
                + ", timerInterval=" + timerInterval + '}';
    }

    /** Builds {@link SinkOptions}; {@link #build()} validates every value. */
    public static final class Builder {
        private int capacity = DEFAULT_CAPACITY;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private OverflowPolicy overflowPolicy;
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private Duration openDuration = DEFAULT_OPEN_DURATION;
        private Duration timerInterval = DEFAULT_TIMER_INTERVAL;

        private Builder() {
        }

        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        public Builder maxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        /** Overrides the policy the sink declares; null keeps the sink's own. */
        public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
            return this;
        }

        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
            return this;
        }

        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder maxRetryBackoff(Duration maxRetryBackoff) {
            this.maxRetryBackoff = maxRetryBackoff;
            return this;
        }

        public Builder openDuration(Duration openDuration) {
            this.openDuration = openDuration;
            return this;
        }

        public Builder timerInterval(Duration timerInterval) {
            this.timerInterval = timerInterval;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws InvalidConfigurationException naming the first invalid option
         */
        public SinkOptions build() {
            require(capacity >= 2 && capacity <= (1 << 30), "capacity must be 2..2^30, was " + capacity);
            require(maxBatch >= 1, "maxBatch must be positive, was " + maxBatch);
            require(failureThreshold >= 1, "failureThreshold must be positive, was " + failureThreshold);
            positive(retryBackoff, "retryBackoff");
            positive(maxRetryBackoff, "maxRetryBackoff");
            require(maxRetryBackoff.compareTo(retryBackoff) >= 0, "maxRetryBackoff must be >= retryBackoff");
            positive(openDuration, "openDuration");
            positive(timerInterval, "timerInterval");
            return new SinkOptions(this);
        }

        private static void positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            require(!d.isNegative() && !d.isZero(), name + " must be positive, was " + d);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new InvalidConfigurationException("sink options: " + message);
            }
        }
    }
}
