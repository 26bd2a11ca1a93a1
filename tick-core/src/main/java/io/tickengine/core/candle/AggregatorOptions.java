package io.tickengine.core.candle;

import io.tickengine.core.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How the {@link CandleAggregator} builds candles: which intervals, how long a late tick may still
 * revise a closed candle, and whether quiet buckets get empty candles. Immutable; validated once when
 * built.
 */
public final class AggregatorOptions {
    /** Candle intervals when none are given: one second. */
    public static final Set<CandleInterval> DEFAULT_INTERVALS = Set.of(CandleInterval.S1);
    /** How long after its bucket ends a candle still accepts late ticks. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(1);
    /** Empty candles for quiet buckets are off unless asked for. */
    public static final boolean DEFAULT_FILL_GAPS = false;
    /** Gap filling stops this long after an instrument's last tick, so a closed market stays quiet. */
    public static final Duration DEFAULT_MAX_GAP_FILL = Duration.ofMinutes(5);
    /** The longest grace period or gap-fill bound accepted. */
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    private static final AggregatorOptions DEFAULTS = builder().build();

    private final SortedSet<CandleInterval> intervals;
    private final Duration gracePeriod;
    private final boolean fillGaps;
    private final Duration maxGapFill;

    private AggregatorOptions(Builder b, SortedSet<CandleInterval> intervals) {
        this.intervals = Collections.unmodifiableSortedSet(intervals);
        this.gracePeriod = b.gracePeriod;
        this.fillGaps = b.fillGaps;
        this.maxGapFill = b.maxGapFill;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default options. */
    public static AggregatorOptions create() {
        return DEFAULTS;
    }

    /** A builder pre-filled with these options, to derive changed copies. */
    public Builder mutate() {
        return new Builder().intervals(intervals).gracePeriod(gracePeriod).fillGaps(fillGaps).maxGapFill(maxGapFill);
    }

    /** The candle intervals, shortest first; never empty. */
    public SortedSet<CandleInterval> intervals() {
        return intervals;
    }

    /** How long after its bucket ends a candle still accepts late ticks; afterwards it is final. */
    public Duration gracePeriod() {
        return gracePeriod;
    }

    /** Whether buckets without ticks get empty candles carrying the previous close. */
    public boolean fillGaps() {
        return fillGaps;
    }

    /** Empty candles are emitted only for buckets starting less than this after the instrument's last tick. */
    public Duration maxGapFill() {
        return maxGapFill;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AggregatorOptions)) {
            return false;
        }
        AggregatorOptions other = (AggregatorOptions) o;
        return intervals.equals(other.intervals) && gracePeriod.equals(other.gracePeriod)
                && fillGaps == other.fillGaps && maxGapFill.equals(other.maxGapFill);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intervals, gracePeriod, fillGaps, maxGapFill);
    }

    @Override
    public String toString() {
        return "AggregatorOptions{intervals=" + intervals + ", gracePeriod=" + gracePeriod + ", fillGaps=" + fillGaps
                + ", maxGapFill=" + maxGapFill + '}';
    }

    /** Builds {@link AggregatorOptions}; setters only record values, {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private List<CandleInterval> intervals = new ArrayList<>(DEFAULT_INTERVALS);
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private boolean fillGaps = DEFAULT_FILL_GAPS;
        private Duration maxGapFill = DEFAULT_MAX_GAP_FILL;

        private Builder() {
        }

        /** The candle intervals to build; replaces the previous set. */
        public Builder intervals(Collection<CandleInterval> intervals) {
            this.intervals = intervals == null ? null : new ArrayList<>(intervals);
            return this;
        }

        /** The candle intervals to build; replaces the previous set. */
        public Builder intervals(CandleInterval... intervals) {
            return intervals(intervals == null ? null : Arrays.asList(intervals));
        }

        /** How long after its bucket ends a candle still accepts late ticks; zero or more. */
        public Builder gracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
            return this;
        }

        /** Whether buckets without ticks get empty candles carrying the previous close. */
        public Builder fillGaps(boolean fillGaps) {
            this.fillGaps = fillGaps;
            return this;
        }

        /** How long after an instrument's last tick gap filling goes on; zero or more. */
        public Builder maxGapFill(Duration maxGapFill) {
            this.maxGapFill = maxGapFill;
            return this;
        }

        /**
         * Checks the values and creates the options.
         *
         * @throws InvalidConfigurationException naming the first option that is missing or out of range
         */
        public AggregatorOptions build() {
            if (intervals == null || intervals.isEmpty()) {
                throw new InvalidConfigurationException("intervals must name at least one candle interval");
            }
            if (intervals.contains(null)) {
                throw new InvalidConfigurationException("intervals must not contain null, was " + intervals);
            }
            checkDuration("gracePeriod", gracePeriod);
            checkDuration("maxGapFill", maxGapFill);
            return new AggregatorOptions(this, new TreeSet<>(intervals));
        }

        private static void checkDuration(String name, Duration value) {
            if (value == null) {
                throw new InvalidConfigurationException(name + " must not be null");
            }
            if (value.isNegative() || value.compareTo(MAX_DURATION) > 0) {
                throw new InvalidConfigurationException(
                        name + " must be between 0 and " + MAX_DURATION + ", was " + value);
            }
        }
    }
}
