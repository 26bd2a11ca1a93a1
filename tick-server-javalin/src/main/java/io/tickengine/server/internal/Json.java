package io.tickengine.server.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * JSON text pieces shared by the server's writers ({@link Tree}, the tick frames): escaped string
 * literals and ISO-8601 instants.
 */
public final class Json {
    /**
     * The one format of every time the server writes (both WebSocket dialects, REST, health):
     * ISO-8601 in UTC with exactly three fraction digits, {@code 2025-11-04T06:10:00.000Z}, as the seeds show.
     */
    public static final DateTimeFormatter INSTANT_MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private Json() {
    }

    /** Appends a JSON string literal, escaped by Jackson. */
    public static void string(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        out.append('"');
    }

    /**
     * Appends the instant of {@code epochMillis} in {@link #INSTANT_MILLIS}'s format
     * ({@code 2026-11-21T09:15:00.000Z}, {@code 2026-11-21T09:15:00.125Z}), without the formatter for
     * years 0 to 9999.
     */
    public static void instant(StringBuilder out, long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        int millisOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        // Civil date from days since 1970-01-01 (proleptic Gregorian, eras of 400 years).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            INSTANT_MILLIS.formatTo(Instant.ofEpochMilli(epochMillis), out);
            return;
        }
        int seconds = millisOfDay / 1000;
        int millis = millisOfDay % 1000;
        digits(out, (int) year, 4).append('-');
        digits(out, month, 2).append('-');
        digits(out, day, 2).append('T');
        digits(out, seconds / 3600, 2).append(':');
        digits(out, seconds / 60 % 60, 2).append(':');
        digits(out, seconds % 60, 2);
        digits(out.append('.'), millis, 3);
        out.append('Z');
    }

    /** Appends an instant in {@link #INSTANT_MILLIS}'s format; a fraction finer than milliseconds is cut off. */
    public static void instant(StringBuilder out, Instant instant) {
        long epochMillis;
        try {
            epochMillis = instant.toEpochMilli();
        } catch (ArithmeticException beyondMillis) {
            INSTANT_MILLIS.formatTo(instant, out);
            return;
        }
        instant(out, epochMillis);
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int unit = width == 4 ? 1000 : width == 3 ? 100 : 10; unit > 0; unit /= 10) {
            out.append((char) ('0' + value / unit % 10));
        }
        return out;
    }
}
