package io.tickengine.core.internal;

import java.util.Arrays;

/**
 * A map from {@code long} to {@code long} in two arrays (open addressing, linear probing, Fibonacci
 * hashing), for values noted per instrument on hot paths without boxing or allocating. Entries are
 * removed only all at once ({@link #clear}). {@link Long#MIN_VALUE} cannot be a key. Not thread-safe.
 */
public final class LongLongMap {
    private static final long FREE = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int size;

    /** A map sized for about {@code expectedSize} entries before it grows. */
    public LongLongMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(8, expectedSize * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, FREE);
    }

    /** The value of a key, or {@code missing} when it has none. */
    public long get(long key, long missing) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                return missing;
            }
        }
    }

    /** Sets the value of a key. */
    public void put(long key, long value) {
        if (key == FREE) {
            throw new IllegalArgumentException("Long.MIN_VALUE cannot be a key");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
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

    /** Removes every entry, keeping the capacity. */
    public void clear() {
        if (size > 0) {
            Arrays.fill(keys, FREE);
            size = 0;
        }
    }

    /** Every key, in no particular order. */
    public long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != FREE) {
                out[n++] = k;
            }
        }
        return out;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
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
}
