package io.tickengine.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact fixed-point prices: a {@code long} count of units plus a decimal scale (2 for paise, 4 for
 * bcd/nco, 7 for cds). Formatting and parsing here never pass through {@code double}.
 */
public final class Prices {
    /** The largest scale supported; 10^18 is the largest power of ten a {@code long} holds. */
    public static final int MAX_SCALE = 18;

    private static final long[] POW10 = new long[MAX_SCALE + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i <= MAX_SCALE; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Prices() {
    }

    /** 10 to the power of {@code scale}. */
    public static long pow10(int scale) {
        checkScale(scale);
        return POW10[scale];
    }

    /** The exact decimal value of {@code units} at {@code scale}. */
    public static BigDecimal toBigDecimal(long units, int scale) {
        checkScale(scale);
        return BigDecimal.valueOf(units, scale);
    }

    /** A convenience approximation; never store or compare prices as doubles. */
    public static double toDouble(long units, int scale) {
        checkScale(scale);
        return (double) units / POW10[scale];
    }

    /**
     * Units at {@code scale} for an exact decimal.
     *
     * @throws InvalidPriceException when the value has more decimals than the scale or overflows
     */
    public static long toUnits(BigDecimal value, int scale) {
        checkScale(scale);
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidPriceException("price " + value.toPlainString()
                    + " is not representable with " + scale + " decimals");
        }
    }

    /**
     * Parses a plain decimal such as {@code "1573.7"} or {@code "-0.05"} into units at {@code scale}.
     *
     * @throws InvalidPriceException when the text is not a plain decimal or has too many decimals
     */
    public static long parse(CharSequence text, int scale) {
        String s = text.toString().strip();
        if (s.isEmpty() || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            throw new InvalidPriceException("not a plain decimal price: '" + text + "'");
        }
        try {
            return toUnits(new BigDecimal(s), scale);
        } catch (NumberFormatException e) {
            throw new InvalidPriceException("not a plain decimal price: '" + text + "'");
        }
    }

    /**
     * Converts units between scales exactly.
     *
     * @throws InvalidPriceException when precision would be lost or the result overflows
     */
    public static long rescale(long units, int fromScale, int toScale) {
        checkScale(fromScale);
        checkScale(toScale);
        if (fromScale == toScale) {
            return units;
        }
        if (toScale > fromScale) {
            try {
                return Math.multiplyExact(units, POW10[toScale - fromScale]);
            } catch (ArithmeticException e) {
                throw new InvalidPriceException("price overflows when rescaled from " + fromScale + " to " + toScale);
            }
        }
        long divisor = POW10[fromScale - toScale];
        if (units % divisor != 0) {
            throw new InvalidPriceException("price " + format(units, fromScale)
                    + " loses precision at scale " + toScale);
        }
        return units / divisor;
    }

    /** The exact plain decimal text of a price, for example {@code 157370, 2 -> "1573.70"}. */
    public static String format(long units, int scale) {
        return appendTo(new StringBuilder(24), units, scale).toString();
    }

    /**
     * Appends the exact plain decimal text of a price without allocating intermediate objects; the
     * hot path of JSON encoders uses it.
     */
    public static StringBuilder appendTo(StringBuilder out, long units, int scale) {
        checkScale(scale);
        if (scale == 0) {
            return out.append(units);
        }
        long divisor = POW10[scale];
        long whole = units / divisor;
        long fraction = Math.abs(units % divisor);
        if (units < 0 && whole == 0) {
            out.append('-');
        }
        out.append(whole).append('.');
        for (long p = divisor / 10; p > 1 && fraction < p; p /= 10) {
            out.append('0');
        }
        return out.append(fraction);
    }

    static void checkScale(int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("price scale must be 0.." + MAX_SCALE + ", was " + scale);
        }
    }
}
