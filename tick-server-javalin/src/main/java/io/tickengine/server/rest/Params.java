package io.tickengine.server.rest;

import io.javalin.http.Context;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads query parameters: every missing, malformed or out-of-range value is a {@link Problem.BadRequest}
 * that names the parameter and says what it takes, so no value can overflow into a 500 or a wrong answer.
 */
final class Params {
    /** The earliest instant a parameter may name: the first year ISO-8601 writes with four digits. */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    /** The latest instant a parameter may name; its epoch milliseconds plus one still fit in a long. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Params() {
    }

    /** A query parameter that must be present and not blank. */
    static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new Problem.BadRequest(name + " is required");
        }
        return v;
    }

    /** A whole number from {@code min} to {@code max}; one too large for a long is out of range too. */
    static long wholeNumber(String name, String text, long min, long max) {
        String s = text.strip();
        if (!s.matches("[+-]?[0-9]+")) {
            throw new Problem.BadRequest(name + " must be a whole number, was '" + text + "'");
        }
        try {
            long n = Long.parseLong(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // More digits than a long holds: out of any range.
        }
        throw new Problem.BadRequest(name + " must be " + range(min, max) + ", was '" + s + "'");
    }

    /**
     * An ISO-8601 instant from {@link #EARLIEST} to {@link #LATEST}, as epoch milliseconds (any finer digits
     * are cut off). The bound keeps far-away instants such as {@code +300000000-01-01T00:00:00Z}, which
     * parse but have no epoch milliseconds, from failing later.
     */
    static long epochMillis(String name, String text) {
        Instant t;
        try {
            t = Instant.parse(text.strip());
        } catch (DateTimeException e) {
            throw new Problem.BadRequest(name + " must be an ISO-8601 instant such as 2025-01-02T03:45:00Z, was '" + text + "'");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new Problem.BadRequest(name + " must be an instant from " + EARLIEST + " to " + LATEST + ", was '"
                    + text.strip() + "'");
        }
        return t.toEpochMilli();
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE) {
            return min == 1 ? "positive" : "at least " + min;
        }
        return "from " + min + " to " + max;
    }
}
