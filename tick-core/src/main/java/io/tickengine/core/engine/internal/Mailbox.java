package io.tickengine.core.engine.internal;

import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.sink.OverflowPolicy;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A sink's bounded buffer: many producers (source threads) offer, one consumer (the sink's thread)
 * drains. Offering never blocks; what the policy discards is counted here.
 */
abstract class Mailbox<E> {
    /** Creates the mailbox for a policy; {@code keyOf} gives the conflation key. */
    static <E> Mailbox<E> create(OverflowPolicy policy, int capacity, ToLongFunction<E> keyOf) {
        switch (policy) {
            case DROP_OLDEST:
                return new DropOldestMailbox<>(capacity);
            case CONFLATE:
                return new ConflatingMailbox<>(Math.min(capacity, SinkOptions.CONFLATE_PASS_THROUGH_LIMIT), keyOf);
            case NEVER_DROP:
                return new NeverDropMailbox<>(capacity);
            default:
                throw new IllegalArgumentException("unknown policy " + policy);
        }
    }

    /** Adds an item, applying the overflow policy when full. Safe from any thread. */
    abstract void offer(E item);

    /**
     * Adds an item whose conflation key the caller already mapped to a dense index (see
     * {@link InstrumentIndex}); only conflation uses it. A mailbox's producers either always pass
     * an index or never do.
     */
    void offer(E item, int index) {
        offer(item);
    }

    /** Adds items in order; implementations claim queue space in bulk where the queue allows. */
    void offerAll(List<E> items) {
        for (int i = 0, n = items.size(); i < n; i++) {
            offer(items.get(i));
        }
    }

    /** Adds items in order, {@code indexes[i]} being the dense index of item i (see {@link #offer(Object, int)}). */
    void offerAll(List<E> items, int[] indexes) {
        offerAll(items);
    }

    /** Moves up to {@code max} items into {@code into}, oldest first; consumer thread only. */
    abstract int drain(List<E> into, int max);

    /** Items waiting (approximate under concurrency). */
    abstract int size();

    /** Items discarded because the buffer was full. */
    abstract long overflowed();

    /** Items replaced by a newer item of the same key. */
    long conflated() {
        return 0;
    }
}
