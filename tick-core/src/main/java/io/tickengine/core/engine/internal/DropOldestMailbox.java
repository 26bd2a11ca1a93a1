package io.tickengine.core.engine.internal;

import org.jctools.queues.MpmcArrayQueue;

/** Bounded; when full the oldest item makes room for the new one. */
final class DropOldestMailbox<E> extends QueueMailbox<E> {
    DropOldestMailbox(int capacity) {
        // Multi-consumer because a producer that finds the queue full removes the oldest item itself.
        super(new MpmcArrayQueue<>(capacity));
    }

    @Override
    void offer(E item) {
        while (!queue.offer(item)) {
            if (queue.poll() != null) {
                overflowed.increment();
            }
        }
    }
}
