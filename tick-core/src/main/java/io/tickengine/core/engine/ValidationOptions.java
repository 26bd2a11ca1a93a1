package io.tickengine.core.engine;

import io.tickengine.core.InvalidConfigurationException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's policy for each {@link TickIssue}. Every issue is counted whatever the policy, so
 * nothing is dropped silently. Immutable; build with {@link #builder()}.
 */
public final class ValidationOptions {
    /** How far an exchange timestamp may be ahead of the receive time before it is a {@link TickIssue#FUTURE_TIMESTAMP}. */
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofSeconds(60);

    private static final ValidationOptions DEFAULTS = builder().build();

    private final EnumMap<TickIssue, BadTickPolicy> policies;
    private final long futureToleranceMillis;

    private ValidationOptions(Builder b) {
        this.policies = new EnumMap<>(b.policies);
        this.futureToleranceMillis = b.futureTolerance.toMillis();
    }

    /** Unknown instruments and out-of-order timestamps accepted; zero, negative and future-dated prices rejected. */
    public static ValidationOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The policy for an issue. */
    public BadTickPolicy policy(TickIssue issue) {
        return policies.get(issue);
    }

    public Duration futureTolerance() {
        return Duration.ofMillis(futureToleranceMillis);
    }

    long futureToleranceMillis() {
        return futureToleranceMillis;
    }

    @Override
    public String toString() {
        return "ValidationOptions{" + policies + ", futureTolerance=" + futureTolerance() + '}';
    }

    /** Builds {@link ValidationOptions}. */
    public static final class Builder {
        private final Map<TickIssue, BadTickPolicy> policies = new EnumMap<>(TickIssue.class);
        private Duration futureTolerance = DEFAULT_FUTURE_TOLERANCE;

        private Builder() {
            policies.put(TickIssue.UNKNOWN_INSTRUMENT, BadTickPolicy.ACCEPT);
            policies.put(TickIssue.ZERO_PRICE, BadTickPolicy.REJECT);
            policies.put(TickIssue.NEGATIVE_PRICE, BadTickPolicy.REJECT);
            policies.put(TickIssue.OUT_OF_ORDER, BadTickPolicy.ACCEPT);
            policies.put(TickIssue.FUTURE_TIMESTAMP, BadTickPolicy.REJECT);
        }

        /** Sets the policy for one issue. */
        public Builder policy(TickIssue issue, BadTickPolicy policy) {
            policies.put(Objects.requireNonNull(issue, "issue"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        public Builder futureTolerance(Duration futureTolerance) {
            this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws InvalidConfigurationException when the tolerance is negative
         */
        public ValidationOptions build() {
            if (futureTolerance.isNegative()) {
                throw new InvalidConfigurationException("validation options: futureTolerance must not be negative, was "
                        + futureTolerance);
            }
            return new ValidationOptions(this);
        }
    }
}
