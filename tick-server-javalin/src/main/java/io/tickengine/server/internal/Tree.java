package io.tickengine.server.internal;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes message trees (maps, lists, strings, longs, doubles, booleans, {@link Dec}, {@link Instant},
 * null) as JSON or MessagePack. Decimals stay exact: JSON numbers from fixed-point, MessagePack strings;
 * instants are strings in {@link Json#INSTANT_MILLIS}'s format.
 */
public final class Tree {
    private Tree() {
    }

    /** The JSON text of a tree. */
    public static String json(Object value) {
        StringBuilder out = new StringBuilder(256);
        json(out, value);
        return out.toString();
    }

    public static void json(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            Json.string(out, s);
        } else if (value instanceof Dec d) {
            io.tickengine.core.Prices.appendTo(out, d.units(), d.scale());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(Double.isFinite(d) ? d.toString() : "null");
        } else if (value instanceof Instant t) {
            Json.instant(out.append('"'), t);
            out.append('"');
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                Json.string(out, String.valueOf(e.getKey()));
                out.append(':');
                json(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(out, l.get(i));
            }
            out.append(']');
        } else {
            Json.string(out, value.toString());
        }
    }

    /** The MessagePack bytes of a tree. */
    public static ByteBuffer msgpack(Object value) {
        return ByteBuffer.wrap(msgpackBytes(value));
    }

    /** The MessagePack bytes of a tree, as an array. */
    public static byte[] msgpackBytes(Object value) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(p, value);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pack(MessageBufferPacker p, Object value) throws IOException {
        if (value == null) {
            p.packNil();
        } else if (value instanceof String s) {
            p.packString(s);
        } else if (value instanceof Dec d) {
            p.packString(d.toString());
        } else if (value instanceof Long l) {
            p.packLong(l);
        } else if (value instanceof Integer i) {
            p.packInt(i);
        } else if (value instanceof Boolean b) {
            p.packBoolean(b);
        } else if (value instanceof Double d) {
            p.packDouble(d);
        } else if (value instanceof Instant t) {
            StringBuilder text = new StringBuilder(24);
            Json.instant(text, t);
            p.packString(text.toString());
        } else if (value instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                p.packString(String.valueOf(e.getKey()));
                pack(p, e.getValue());
            }
        } else if (value instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object o : l) {
                pack(p, o);
            }
        } else {
            p.packString(value.toString());
        }
    }
}
