package io.tickengine.server.ws;

import io.tickengine.server.internal.Dec;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Fields} building a tree of ordered maps and lists, with {@link Dec} prices and {@link Instant} times. */
final class TreeFields implements Fields {
    private final Map<String, Object> root;
    private final ArrayDeque<Object> open = new ArrayDeque<>();

    TreeFields(int expectedFields) {
        root = new LinkedHashMap<>(expectedFields);
        open.push(root);
    }

    Map<String, Object> root() {
        return root;
    }

    @Override
    public void number(String key, long value) {
        put(key, value);
    }

    @Override
    public void price(String key, long units, int scale) {
        put(key, new Dec(units, scale));
    }

    @Override
    public void text(String key, String value) {
        put(key, value);
    }

    @Override
    public void time(String key, long epochMillis) {
        put(key, epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis));
    }

    @Override
    public void object(String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(key, m);
        open.push(m);
    }

    @Override
    public void array(String key) {
        List<Object> l = new ArrayList<>();
        put(key, l);
        open.push(l);
    }

    @Override
    public void end() {
        if (open.size() == 1) {
            throw new IllegalStateException("nothing open to end");
        }
        open.pop();
    }

    @SuppressWarnings("unchecked")
    private void put(String key, Object value) {
        Object into = open.peek();
        if (into instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else {
            ((Map<String, Object>) into).put(key, value);
        }
    }
}
