package io.tickengine.core.engine.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounded; when full the oldest item makes room for the new one, and every discarded item is counted.
 *
 * <p>The queue is JCTools' single-consumer {@code MpscChunkedArrayQueue}, as for {@code NEVER_DROP}:
 * it grows in chunks up to the capacity, so memory (and the cache lines a hand-off touches) follows
 * the backlog rather than the bound. A producer that finds it full removes the oldest item itself, so
 * the consumer's role is a flag: the worker holds it while it drains, a producer while it discards one
 * item, and only the holder polls. A producer that finds the flag held retries its offer, since the
 * worker holding it is making room.
 */
final class DropOldestMailbox<E> extends QueueMailbox<E> {
    private final AtomicBoolean consuming = new AtomicBoolean();

    DropOldestMailbox(int capacity) {
        super(growing(capacity));
    }

    @Override
    void offer(E item) {
        while (!queue.offer(item)) {
            if (consuming.compareAndSet(false, true)) {
                try {
                    if (queue.poll() != null) {
                        overflowed.increment();
                    }
                } finally {
                    consuming.setRelease(false);
                }
            } else {
                Thread.yield();
            }
        }
    }

    @Override
    int drain(List<E> into, int max) {
        // A producer holds the flag for one poll at most; yielding lets it finish if it shares this core.
        while (!consuming.compareAndSet(false, true)) {
            Thread.yield();
        }
        try {
            return super.drain(into, max);
        } finally {
            consuming.setRelease(false);
        }
    }
}
