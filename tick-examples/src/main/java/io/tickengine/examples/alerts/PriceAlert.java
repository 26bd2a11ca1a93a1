package io.tickengine.examples.alerts;

import io.tickengine.core.Prices;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price level to watch on one instrument: fires when the last price crosses it in the given direction.
 * The threshold is fixed-point ({@code units} at {@code scale}), so comparisons are exact.
 *
 * @param instrumentToken the instrument watched
 * @param thresholdUnits the level in units of {@code 10^-scale}
 * @param scale decimal places of {@code thresholdUnits}
 * @param direction which crossing fires
 */
public record PriceAlert(long instrumentToken, long thresholdUnits, int scale, Direction direction) {
    /** Which way the price must cross the threshold. */
    public enum Direction {
        /** From below the threshold to at or above it. */
        ABOVE,
        /** From above the threshold to at or below it. */
        BELOW
    }

    public PriceAlert {
        Objects.requireNonNull(direction, "direction");
        if (scale < 0 || scale > Prices.MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 0.." + Prices.MAX_SCALE + ", was " + scale);
        }
    }

    /** An alert at an exact decimal level such as {@code new BigDecimal("1573.25")}. */
    public static PriceAlert of(long instrumentToken, BigDecimal threshold, Direction direction) {
        Objects.requireNonNull(threshold, "threshold");
        int scale = Math.max(0, threshold.stripTrailingZeros().scale());
        return new PriceAlert(instrumentToken, Prices.toUnits(threshold, scale), scale, direction);
    }

    /** The threshold as an exact decimal. */
    public BigDecimal threshold() {
        return Prices.toBigDecimal(thresholdUnits, scale);
    }

    /** Sign of {@code price - threshold}, compared exactly whatever the two scales are. */
    int compareTo(long priceUnits, int priceScale) {
        int common = Math.max(priceScale, scale);
        try {
            long p = Math.multiplyExact(priceUnits, Prices.pow10(common - priceScale));
            long t = Math.multiplyExact(thresholdUnits, Prices.pow10(common - scale));
            return Long.compare(p, t);
        } catch (ArithmeticException overflow) {
            return Prices.toBigDecimal(priceUnits, priceScale).compareTo(threshold());
        }
    }
}
