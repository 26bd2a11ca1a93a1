package io.tickengine.server.ws;

import io.tickengine.core.Prices;
import io.tickengine.server.internal.Json;

import java.nio.charset.StandardCharsets;

/**
 * {@link Fields} writing JSON text into an object it opened, the same text {@link io.tickengine.server.internal.Tree#json}
 * writes for the tree {@link TreeFields} builds from the same calls; {@link #utf8} closes it.
 */
final class JsonFields implements Fields {
    private static final int MAX_DEPTH = 16;

    private final StringBuilder out = new StringBuilder(1024).append('{');
    private final char[] closers = new char[MAX_DEPTH];
    private int depth;
    private boolean first = true;

    @Override
    public void number(String key, long value) {
        key(key).append(value);
    }

    @Override
    public void price(String key, long units, int scale) {
        Prices.appendTo(key(key), units, scale);
    }

    @Override
    public void text(String key, String value) {
        Json.string(key(key), value);
    }

    @Override
    public void time(String key, long epochMillis) {
        StringBuilder b = key(key);
        if (epochMillis <= 0) {
            b.append("null");
        } else {
            Json.instant(b.append('"'), epochMillis);
            b.append('"');
        }
    }

    @Override
    public void object(String key) {
        open(key, '{', '}');
    }

    @Override
    public void array(String key) {
        open(key, '[', ']');
    }

    @Override
    public void end() {
        if (depth == 0) {
            throw new IllegalStateException("nothing open to end");
        }
        out.append(closers[--depth]);
        first = false;
    }

    /** Closes the top object and returns the text as UTF-8. */
    byte[] utf8() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " nested values still open");
        }
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void open(String key, char opener, char closer) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("nested deeper than " + MAX_DEPTH);
        }
        key(key).append(opener);
        closers[depth++] = closer;
        first = true;
    }

    private StringBuilder key(String key) {
        if (!first) {
            out.append(',');
        }
        first = false;
        if (key != null) {
            out.append('"').append(key).append("\":");
        }
        return out;
    }
}
