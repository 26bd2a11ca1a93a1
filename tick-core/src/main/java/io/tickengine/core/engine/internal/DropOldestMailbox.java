package io.tickengine.core.engine.internal;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpmcArrayQueue;

/** Bounded; when full the oldest item makes room for the new one. */
final class DropOldestMailbox<E> extends Mailbox<E> {
    // Multi-consumer because a producer that finds the queue full removes the oldest item itself.
    private final MpmcArrayQueue<E> queue;
    private final LongAdder overflowed = new LongAdder();

    DropOldestMailbox(int capacity) {
        this.queue = new MpmcArrayQueue<>(capacity);
    }

    @Override
    void offer(E item) {
        while (!queue.offer(item)) {
            if (queue.poll() != null) {
                overflowed.increment();
            }
        }
    }

    @Override
    void offerAll(List<E> items) {
        int n = items.size();
        int[] next = {0};
        int filled = queue.fill(() -> items.get(next[0]++), n);
        for (int i = filled; i < n; i++) {
            offer(items.get(i));
        }
    }

    @Override
    int drain(List<E> into, int max) {
        return queue.drain(into::add, max);
    }

    @Override
    int size() {
        return queue.size();
    }

    @Override
    long overflowed() {
        return overflowed.sum();
    }
}
