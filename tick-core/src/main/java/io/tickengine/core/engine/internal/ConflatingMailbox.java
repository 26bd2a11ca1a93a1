package io.tickengine.core.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.jctools.maps.NonBlockingHashMapLong;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * Passes items through in arrival order while the sink keeps up, and holds at most one item per key,
 * the latest, once it falls behind. Memory is bounded by the pass-through bound plus one slot per key.
 *
 * <p><b>Two paths.</b> A bounded queue ({@code passThrough}) carries items while it has room. A
 * producer first reads its key's slot (a volatile read and no write, so the slot's cache line stays
 * shared and clean in both cores); when the slot is empty it offers the item to the queue. Only when
 * the queue is full, or the slot is already occupied, does it put the item in the slot: an atomic
 * swap, the slot queued on {@code ready} when it turns from empty to full, a replaced item counted
 * as conflated. Keys wait in {@code ready} in first-dirtied order, so every key is served fairly. A
 * frame ({@link #offerAll(List, int[])}) queues each run of items whose slots are empty with one
 * claim; what of a run does not fit goes to the slots.
 *
 * <p><b>Order per key</b> holds for the items of one key offered by one thread at a time (each
 * source owns its instruments; items of one key offered concurrently have no order to keep, and each
 * of them is still delivered or counted). Three facts give it:
 * <ol>
 *   <li>A producer goes to the queue for a key only after reading its slot empty, and only the
 *       consumer empties a slot. So while a slot is full no item of its key enters the queue: every
 *       queued item of that key is older than the slot's content, and every item of the key queued
 *       after the consumer took the slot's content is newer than it.</li>
 *   <li>Before a producer moves a key from the queue to the slot (it read the slot empty and the
 *       queue was full) it writes the slot's {@code fence}: the queue's producer index, which is past
 *       the position of every item it queued before. While the slot stays full the fence does not
 *       change, since only a producer that read the slot empty writes it. A slot that the consumer
 *       emptied between a producer's read and its swap (or between a frame's scan and its swap) keeps
 *       the older fence, which still lies past every queued item of the key, because that producer
 *       queued nothing of the key since it wrote that fence.</li>
 *   <li>The consumer hands out a slot's content only once the queue's consumer index has reached
 *       the slot's fence: it takes queued items first, one by one, until then. So the older queued
 *       items of the key come before the slot's content, and by (1) the newer ones come after.</li>
 * </ol>
 * Within a drain the consumer merges the two: for the slot at the head of {@code ready} it takes
 * queued items up to the slot's fence, then the slot, and fills what is left of the batch from the
 * queue. A slot waits for at most the queue items ahead of its fence, so a queue that producers
 * keep full never starves it.
 *
 * <p><b>Bound.</b> The queue is small on purpose ({@code passThrough}, at most
 * {@link io.tickengine.core.engine.SinkOptions#CONFLATE_PASS_THROUGH_LIMIT}): a conflating sink
 * wants fresh data, and a sink that falls behind should reach the latest state of every key within
 * a few batches, not after a long backlog of stale items.
 *
 * <p>Slots are found by a dense index when the producer passes one ({@link #offer(Object, int)}, the
 * engine's tick path): an array read in chunks that never move. Otherwise by a hash of the key
 * ({@code keyOf}, the candle path).
 */
final class ConflatingMailbox<E> extends Mailbox<E> {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final VarHandle FENCE;

    static {
        try {
            FENCE = MethodHandles.lookup().findVarHandle(Slot.class, "fence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ToLongFunction<E> keyOf;
    private final MpscArrayQueue<E> passThrough;
    private final NonBlockingHashMapLong<Slot<E>> slots = new NonBlockingHashMapLong<>();
    private final MpscUnboundedArrayQueue<Slot<E>> ready = new MpscUnboundedArrayQueue<>(1024);
    private final LongAdder conflated = new LongAdder();
    // Slots by dense index, CHUNK per chunk. A new chunk is published by replacing the whole directory
    // (volatile write after the chunk is filled), so a reader never sees a partly built chunk.
    private volatile Slot<E>[][] chunks = newDirectory(16);

    /**
     * @param passThrough how many items may wait in arrival order before the latest per key is kept
     */
    ConflatingMailbox(int passThrough, ToLongFunction<E> keyOf) {
        if (passThrough < 2) {
            throw new IllegalArgumentException("passThrough must be at least 2, was " + passThrough);
        }
        this.passThrough = new MpscArrayQueue<>(passThrough);
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

    /**
     * Queues runs of items whose slots are empty with one claim on the queue each, and counts what the
     * frame replaced once, not per item.
     */
    @Override
    void offerAll(List<E> items, int[] indexes) {
        int replaced = 0;
        int n = items.size();
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && slotAt(indexes[i]).get() == null) {
                i++;
            }
            if (i > start) {
                // Nothing else fills these slots meanwhile: only the producer of a key does (see the class doc).
                int[] next = {start};
                int queued = passThrough.fill(() -> items.get(next[0]++), i - start);
                if (start + queued < i) {
                    // The queue was full: the rest of the run goes to the slots without asking it again.
                    long fence = passThrough.currentProducerIndex();
                    for (int j = start + queued; j < i; j++) {
                        Slot<E> slot = slotAt(indexes[j]);
                        if (slot.get() == null) {
                            FENCE.setRelease(slot, fence);
                        }
                        replaced += swap(slot, items.get(j)) ? 0 : 1;
                    }
                }
            }
            if (i < n) {
                replaced += swap(slotAt(indexes[i]), items.get(i)) ? 0 : 1;
                i++;
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
            Slot<E> slot = ready.relaxedPeek();
            if (slot == null) {
                return n + passThrough.drain(into::add, max - n);
            }
            // Read the item before the fence: the fence was written before the item, and stays while the slot is full.
            E peeked = slot.get();
            long fence = (long) FENCE.getAcquire(slot);
            long below = peeked == null ? 0 : fence - passThrough.currentConsumerIndex();
            if (below > 0) {
                // Older items are still queued below the fence: they come first. Every position below the
                // fence was claimed, so poll() waits out an offer still writing its item instead of failing.
                for (long k = Math.min(below, max - n); k > 0; k--) {
                    into.add(Objects.requireNonNull(passThrough.poll(), "queued item below a slot's fence"));
                    n++;
                }
                continue;
            }
            ready.relaxedPoll();
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
        return passThrough.size() + ready.size();
    }

    @Override
    long overflowed() {
        return 0;
    }

    @Override
    long conflated() {
        return conflated.sum();
    }

    /**
     * Queues the item when its slot is empty and the queue has room, else fills the slot; false when
     * the item replaced one (the caller counts it as conflated).
     */
    private boolean put(Slot<E> slot, E item) {
        if (slot.get() == null) {
            if (passThrough.offer(item)) {
                return true;
            }
            // From here on this key goes through its slot: the fence lies past everything queued so far.
            // Published by the swap below, which the consumer's read of the item pairs with.
            FENCE.setRelease(slot, passThrough.currentProducerIndex());
        }
        return swap(slot, item);
    }

    /** Fills the slot; false when the item replaced one. */
    private boolean swap(Slot<E> slot, E item) {
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
     * One key's latest item, and the queue position its older queued items lie below. Padded past a
     * cache line: slots of neighbouring instruments are allocated side by side, and a producer filling
     * one while the sink empties its neighbour would otherwise bounce the shared line between cores.
     */
    @SuppressWarnings("unused")
    private static final class Slot<E> extends AtomicReference<E> {
        private static final long serialVersionUID = 1L;
        /** Written by a producer that found the slot empty and the queue full, before it fills the slot. */
        long fence;
        private long p1, p2, p3, p4, p5, p6, p7;
    }
}
