package io.tickengine.core.engine.internal;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpscChunkedArrayQueue;

/**
 * Grows in chunks up to its capacity, so memory follows the backlog and stays bounded. An item
 * offered beyond the bound is lost and counted: the sink broke its promise to keep up.
 */
final class NeverDropMailbox<E> extends Mailbox<E> {
    private static final int CHUNK = 1024;

    private final MpscChunkedArrayQueue<E> queue;
    private final LongAdder overflowed = new LongAdder();

    NeverDropMailbox(int capacity) {
        int max = Math.max(capacity, 4);
        this.queue = new MpscChunkedArrayQueue<>(Math.min(CHUNK, max / 2), max);
    }

    @Override
    void offer(E item) {
        if (!queue.offer(item)) {
            overflowed.increment();
        }
    }

    @Override
    void offerAll(List<E> items) {
        int n = items.size();
        int[] next = {0};
        int filled = queue.fill(() -> items.get(next[0]++), n);
        if (filled < n) {
            // fill stops early only when the queue is at its bound; retry one by one to be exact
            for (int i = filled; i < n; i++) {
                offer(items.get(i));
            }
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
