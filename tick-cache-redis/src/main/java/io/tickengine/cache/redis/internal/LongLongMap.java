package io.tickengine.cache.redis.internal;

import java.util.Arrays;

/** An open-addressing map from long to long without boxing; single-threaded. */
public final class LongLongMap {
    private static final long FREE = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int size;

    public LongLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(keys, FREE);
    }

    /** The value of {@code key}, or {@code absent}. {@code Long.MIN_VALUE} is not a valid key. */
    public long get(long key, long absent) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                return absent;
            }
        }
    }

    public void put(long key, long value) {
        if (key == FREE) {
            throw new IllegalArgumentException("Long.MIN_VALUE cannot be a key");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == FREE) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    public int size() {
        return size;
    }

    public void clear() {
        if (size > 0) {
            Arrays.fill(keys, FREE);
            size = 0;
        }
    }

    /** Calls {@code action} for every entry. */
    public void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    /** Receives entries from {@link #forEach}. */
    @FunctionalInterface
    public interface Entry {
        void accept(long key, long value);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
