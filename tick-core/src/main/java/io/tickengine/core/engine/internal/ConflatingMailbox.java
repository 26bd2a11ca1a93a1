package io.tickengine.core.engine.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.jctools.maps.NonBlockingHashMapLong;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * Holds at most one item per key: the latest. Keys wait in first-dirtied order, so every key is
 * delivered fairly and per key the order is kept. Memory is bounded by the number of keys.
 */
final class ConflatingMailbox<E> extends Mailbox<E> {
    private final ToLongFunction<E> keyOf;
    private final NonBlockingHashMapLong<Slot<E>> slots = new NonBlockingHashMapLong<>();
    private final MpscUnboundedArrayQueue<Slot<E>> ready = new MpscUnboundedArrayQueue<>(1024);
    private final LongAdder conflated = new LongAdder();

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
        // A slot is queued exactly when it turns from empty to full; the consumer empties it after polling.
        if (slot.getAndSet(item) == null) {
            ready.offer(slot);
        } else {
            conflated.increment();
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

    private static final class Slot<E> extends AtomicReference<E> {
        private static final long serialVersionUID = 1L;
    }
}
