package io.tickengine.core.engine.internal;

import org.jctools.maps.NonBlockingHashMapLong;

/**
 * Numbers instrument tokens densely (0, 1, 2, ... in first-seen order) so that every conflating sink
 * can keep its per-instrument slot in an array: the engine looks a token up once per tick instead
 * of each sink hashing it again. Indexes are never reused; memory grows with the instruments seen,
 * as any per-instrument state does. Thread-safe and lock-free.
 */
public final class InstrumentIndex {
    private final NonBlockingHashMapLong<Integer> indexes = new NonBlockingHashMapLong<>();
    private final Object lock = new Object();
    private int next;

    /** The token's index, assigning the next free one on first sight. */
    public int indexOf(long token) {
        Integer index = indexes.get(token);
        if (index != null) {
            return index;
        }
        return assign(token);
    }

    /** The number of instruments seen. */
    public int size() {
        return indexes.size();
    }

    private int assign(long token) {
        // Rare (once per instrument); the lock keeps indexes dense when two sources see a token at once.
        synchronized (lock) {
            Integer index = indexes.get(token);
            if (index == null) {
                if (next == Integer.MAX_VALUE) {
                    throw new IllegalStateException("more than " + Integer.MAX_VALUE + " instruments");
                }
                index = next++;
                indexes.put(token, index);
            }
            return index;
        }
    }
}
