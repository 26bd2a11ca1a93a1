package io.tickengine.core.engine.internal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.jctools.maps.NonBlockingHashMapLong;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * Holds at most one item per key: the latest. Keys wait in first-dirtied order, so every key is
 * delivered fairly and per key the order is kept. Memory is bounded by the number of keys.
 *
 * <p>Slots are found by a dense index when the producer passes one ({@link #offer(Object, int)}, the
 * engine's tick path): an array read in chunks that never move. Otherwise by a hash of the key
 * ({@code keyOf}, the candle path).
 */
final class ConflatingMailbox<E> extends Mailbox<E> {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final ToLongFunction<E> keyOf;
    private final NonBlockingHashMapLong<Slot<E>> slots = new NonBlockingHashMapLong<>();
    private final MpscUnboundedArrayQueue<Slot<E>> ready = new MpscUnboundedArrayQueue<>(1024);
    private final LongAdder conflated = new LongAdder();
    // Slots by dense index, CHUNK per chunk. A new chunk is published by replacing the whole directory
    // (volatile write after the chunk is filled), so a reader never sees a partly built chunk.
    private volatile Slot<E>[][] chunks = newDirectory(16);

    ConflatingMailbox(ToLongFunction<E> keyOf) {
        this.keyOf = keyOf;
    }

    @Override
    void offer(E item) {
        long key = keyOf.applyAsLong(item);
        Slot<E> slot = slots.get(key);
        if (slot == null) {
            Slot<E> fresh = new Slot<>();
            slot = slots.putIfAbsent(key, fresh);
            if (slot == null) {
                slot = fresh;
            }
        }
        if (!put(slot, item)) {
            conflated.increment();
        }
    }

    @Override
    void offer(E item, int index) {
        if (!put(slotAt(index), item)) {
            conflated.increment();
        }
    }

    /** Counts what the frame replaced once, not per item. */
    @Override
    void offerAll(List<E> items, int[] indexes) {
        int replaced = 0;
        for (int i = 0, n = items.size(); i < n; i++) {
            if (!put(slotAt(indexes[i]), items.get(i))) {
                replaced++;
            }
        }
        if (replaced > 0) {
            conflated.add(replaced);
        }
    }

    @Override
    int drain(List<E> into, int max) {
        int n = 0;
        while (n < max) {
            Slot<E> slot = ready.relaxedPoll();
            if (slot == null) {
                break;
            }
            E item = slot.getAndSet(null);
            if (item != null) {
                into.add(item);
                n++;
            }
        }
        return n;
    }

    @Override
    int size() {
        return ready.size();
    }

    @Override
    long overflowed() {
        return 0;
    }

    @Override
    long conflated() {
        return conflated.sum();
    }

    /** Fills the slot; false when the item replaced one (the caller counts it as conflated). */
    private boolean put(Slot<E> slot, E item) {
        // A slot is queued exactly when it turns from empty to full; the consumer empties it after polling.
        if (slot.getAndSet(item) == null) {
            ready.offer(slot);
            return true;
        }
        return false;
    }

    private Slot<E> slotAt(int index) {
        Slot<E>[][] directory = chunks;
        int c = index >>> CHUNK_BITS;
        Slot<E>[] chunk = c < directory.length ? directory[c] : null;
        return chunk != null ? chunk[index & (CHUNK - 1)] : slowSlot(index);
    }

    /** The slot of an index whose chunk does not exist yet; once per {@value #CHUNK} instruments. */
    private synchronized Slot<E> slowSlot(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        int c = index >>> CHUNK_BITS;
        Slot<E>[][] directory = chunks;
        if (c >= directory.length || directory[c] == null) {
            Slot<E>[][] grown = Arrays.copyOf(directory, Math.max(directory.length, Integer.highestOneBit(c) << 1));
            @SuppressWarnings("unchecked")
            Slot<E>[] chunk = new Slot[CHUNK];
            for (int i = 0; i < CHUNK; i++) {
                chunk[i] = new Slot<>();
            }
            grown[c] = chunk;
            chunks = grown;
            directory = grown;
        }
        return directory[c][index & (CHUNK - 1)];
    }

    @SuppressWarnings("unchecked")
    private static <E> Slot<E>[][] newDirectory(int length) {
        return new Slot[length][];
    }

    /**
     * One key's latest item. Padded past a cache line: slots of neighbouring instruments are allocated
     * side by side, and a producer filling one while the sink empties its neighbour would otherwise
     * bounce the shared line between cores on every tick.
     */
    @SuppressWarnings("unused")
    private static final class Slot<E> extends AtomicReference<E> {
        private static final long serialVersionUID = 1L;
        private long p1, p2, p3, p4, p5, p6, p7;
    }
}
