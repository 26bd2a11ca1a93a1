package io.tickengine.server.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tickengine.core.Prices;

import java.time.Instant;

/** A small JSON writer over a StringBuilder; prices are written exactly from fixed-point, never via double. */
public final class Json {
    private final StringBuilder out;
    private boolean first = true;

    public Json(StringBuilder out) {
        this.out = out;
    }

    public static Json object(StringBuilder out) {
        Json j = new Json(out);
        out.append('{');
        return j;
    }

    public StringBuilder out() {
        return out;
    }

    public Json key(String key) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append('"').append(key).append("\":");
        return this;
    }

    public Json str(String key, String value) {
        key(key);
        string(out, value);
        return this;
    }

    public Json num(String key, long value) {
        key(key).out.append(value);
        return this;
    }

    public Json dbl(String key, double value) {
        key(key).out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    public Json bool(String key, boolean value) {
        key(key).out.append(value);
        return this;
    }

    /** An exact decimal number from fixed-point units. */
    public Json price(String key, long units, int scale) {
        key(key);
        Prices.appendTo(out, units, scale);
        return this;
    }

    public Json time(String key, long epochMillis) {
        key(key);
        if (epochMillis <= 0) {
            out.append("null");
        } else {
            out.append('"').append(Instant.ofEpochMilli(epochMillis)).append('"');
        }
        return this;
    }

    /** Writes raw JSON for a key (already valid JSON). */
    public Json raw(String key, CharSequence json) {
        key(key).out.append(json);
        return this;
    }

    public StringBuilder end() {
        return out.append('}');
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

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s == null ? 4 : s.length() + 2);
        string(b, s);
        return b.toString();
    }
}
