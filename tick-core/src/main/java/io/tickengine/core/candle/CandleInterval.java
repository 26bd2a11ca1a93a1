package io.tickengine.core.candle;

import io.tickengine.core.time.MarketTime;
import java.util.Locale;

/**
 * A candle length that divides a day evenly, from one second to one day. Buckets are aligned to the
 * IST wall clock: {@code 1m} candles start on IST minutes, {@code 1h} on IST hours, and {@code 1d} is
 * the IST trading day. For lengths that divide 30 minutes (1 s ... 30 m) that is the same as exact UTC
 * alignment, {@code floor(ms / length)}.
 *
 * @param millis the length in milliseconds
 */
public record CandleInterval(long millis) implements Comparable<CandleInterval> {
    private static final long DAY = 86_400_000L;
    private static final long OFFSET = MarketTime.IST_OFFSET.getTotalSeconds() * 1000L;

    public static final CandleInterval S1 = ofSeconds(1);
    public static final CandleInterval S5 = ofSeconds(5);
    public static final CandleInterval M1 = ofSeconds(60);
    public static final CandleInterval M5 = ofSeconds(300);
    public static final CandleInterval M15 = ofSeconds(900);
    public static final CandleInterval H1 = ofSeconds(3600);
    /** The IST trading day. */
    public static final CandleInterval DAY_IST = ofSeconds(86_400);

    public CandleInterval {
        if (millis < 1000 || millis % 1000 != 0 || DAY % millis != 0) {
            throw new IllegalArgumentException(
                    "a candle interval must be whole seconds that divide a day evenly, was " + millis + " ms");
        }
    }

    /**
     * An interval of whole seconds.
     *
     * @throws IllegalArgumentException when the length does not divide a day evenly
     */
    public static CandleInterval ofSeconds(long seconds) {
        if (seconds < 1 || seconds > DAY / 1000) {
            // Checked before multiplying: a wrapped product could land on a valid length.
            throw new IllegalArgumentException(
                    "a candle interval must be whole seconds that divide a day evenly, was " + seconds + " s");
        }
        return new CandleInterval(seconds * 1000);
    }

    /**
     * Parses {@code 1s}, {@code 5s}, {@code 1m}, {@code 15m}, {@code 1h} or {@code 1d}.
     *
     * @throws IllegalArgumentException when the text is not such a length
     */
    public static CandleInterval parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.length() < 2) {
            throw new IllegalArgumentException("not a candle interval: '" + text + "' (use 1s, 5m, 1h, 1d)");
        }
        long unit;
        switch (s.charAt(s.length() - 1)) {
            case 's': unit = 1; break;
            case 'm': unit = 60; break;
            case 'h': unit = 3600; break;
            case 'd': unit = 86_400; break;
            default: throw new IllegalArgumentException("not a candle interval: '" + text + "' (use 1s, 5m, 1h, 1d)");
        }
        try {
            return ofSeconds(Math.multiplyExact(Long.parseLong(s.substring(0, s.length() - 1)), unit));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a candle interval: '" + text + "' (use 1s, 5m, 1h, 1d)");
        }
    }

    /** Whole seconds; unique per interval, so it can key maps. */
    public int seconds() {
        return (int) (millis / 1000);
    }

    /** Start of the bucket containing {@code epochMillis}. */
    public long bucketStart(long epochMillis) {
        return Math.floorDiv(epochMillis + OFFSET, millis) * millis - OFFSET;
    }

    /** End (exclusive) of the bucket that starts at {@code bucketStart}. */
    public long bucketEnd(long bucketStart) {
        return bucketStart + millis;
    }

    /** The short name: {@code 1s}, {@code 5m}, {@code 1h}, {@code 1d}. */
    public String label() {
        long s = millis / 1000;
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    @Override
    public int compareTo(CandleInterval o) {
        return Long.compare(millis, o.millis);
    }

    @Override
    public String toString() {
        return label();
    }
}
