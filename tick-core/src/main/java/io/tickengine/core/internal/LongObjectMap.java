package io.tickengine.core.internal;

/**
 * A map from {@code long} keys (instrument tokens) to values without boxing, for lookups on hot
 * paths. Open addressing with linear probing and Fibonacci hashing (Kite tokens share their low byte,
 * so the high bits are spread); entries are never removed. Not thread-safe while written; safe to
 * share read-only once published through a volatile field or a final field of a published object.
 *
 * @param <V> the value type
 */
public final class LongObjectMap<V> {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] keys;
    private Object[] values;
    private int shift;
    private int mask;
    private int size;

    /** A map sized for about {@code expectedSize} entries before it grows. */
    public LongObjectMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(8, expectedSize * 2 - 1)) << 1;
        allocate(capacity);
    }

    /** The value for the key, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int slot = (int) ((key * GOLDEN) >>> shift);
        Object value;
        while ((value = values[slot]) != null) {
            if (keys[slot] == key) {
                return (V) value;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /** Maps the key to a non-null value and returns the value it replaced, or null. */
    public V put(long key, V value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        V previous = get(key);
        if (insert(keys, values, key, value)) {
            size++;
            if (size * 2 > values.length) {
                grow();
            }
        }
        return previous;
    }

    /** The number of entries. */
    public int size() {
        return size;
    }

    /** The number of slots, for iteration with {@link #valueAt(int)}. */
    public int capacity() {
        return values.length;
    }

    /** The value in a slot, or null for an empty slot; iterates without allocating. */
    @SuppressWarnings("unchecked")
    public V valueAt(int slot) {
        return (V) values[slot];
    }

    private boolean insert(long[] ks, Object[] vs, long key, Object value) {
        int slot = (int) ((key * GOLDEN) >>> shift);
        while (vs[slot] != null) {
            if (ks[slot] == key) {
                vs[slot] = value;
                return false;
            }
            slot = (slot + 1) & mask;
        }
        ks[slot] = key;
        vs[slot] = value;
        return true;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(oldValues.length * 2);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                insert(keys, values, oldKeys[i], oldValues[i]);
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }
}
