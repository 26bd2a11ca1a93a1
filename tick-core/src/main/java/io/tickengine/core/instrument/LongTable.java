package io.tickengine.core.instrument;

/**
 * An open-addressing map from {@code long} keys to non-null values, so hot-path lookups by
 * instrument token neither box nor allocate. Filled once while a snapshot is built, then only read;
 * not thread-safe while being filled, safe to share once published through a volatile field.
 */
final class LongTable<V> {
    private final long[] keys;
    private final Object[] values;
    private final int mask;
    private final int shift;
    private int size;

    LongTable(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    /** Puts a value and returns the one it replaced, or null; the table must not be full. */
    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object old = values[i];
            if (old == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return null;
            }
            if (keys[i] == key) {
                values[i] = value;
                return (V) old;
            }
        }
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null || keys[i] == key) {
                return (V) value;
            }
        }
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        // Fibonacci hashing: Kite tokens share their low byte (the segment), so spread the high bits.
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
