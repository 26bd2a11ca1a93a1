package io.tickengine.cache.redis.internal;

import io.tickengine.cache.redis.RedisCacheException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON this module needs: string escaping for writers and a parser of objects whose
 * values are strings, numbers (kept as their exact text), booleans, null and nested objects. Arrays
 * are not needed by any of our documents and are rejected.
 */
public final class Json {
    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    /** Appends {@code "value"} with JSON escapes. */
    public static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }

    /**
     * Parses one JSON object. Numbers come back as {@link Number} subclass {@link JsonNumber} holding
     * the exact text; nested objects as maps.
     *
     * @throws RedisCacheException when the text is not such an object
     */
    public static Map<String, Object> parseObject(String text) {
        Json p = new Json(text);
        p.skipWs();
        Map<String, Object> m = p.object();
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return m;
    }

    /** A JSON number, kept as its exact text so prices are never rounded. */
    public static final class JsonNumber extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        JsonNumber(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        @Override
        public int intValue() {
            return Integer.parseInt(text);
        }

        @Override
        public long longValue() {
            return Long.parseLong(text);
        }

        @Override
        public float floatValue() {
            return Float.parseFloat(text);
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> m = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipWs();
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            m.put(key, value());
            skipWs();
            char c = next();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private Object value() {
        char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '"') {
            return string();
        }
        if (s.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        int start = pos;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("unexpected value");
        }
        return new JsonNumber(s.substring(start, pos));
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'u':
                    if (pos + 4 > s.length()) {
                        throw error("short unicode escape");
                    }
                    sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                    break;
                default: sb.append(e);
            }
        }
    }

    private void skipWs() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected " + c);
        }
    }

    private RedisCacheException error(String what) {
        return new RedisCacheException("bad JSON at offset " + pos + ": " + what);
    }
}
