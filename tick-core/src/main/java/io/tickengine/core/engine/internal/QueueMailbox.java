package io.tickengine.core.engine.internal;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscChunkedArrayQueue;

/** A mailbox over one bounded JCTools queue; subclasses decide what a full queue means. */
abstract class QueueMailbox<E> extends Mailbox<E> {
    private static final int CHUNK = 1024;

    protected final MessagePassingQueue<E> queue;
    protected final LongAdder overflowed = new LongAdder();

    QueueMailbox(MessagePassingQueue<E> queue) {
        this.queue = queue;
    }

    /**
     * A single-consumer queue that grows in chunks of up to {@value #CHUNK} items to {@code capacity}
     * (at least 4), so memory follows the backlog and stays bounded.
     */
    static <E> MpscChunkedArrayQueue<E> growing(int capacity) {
        int max = Math.max(capacity, 4);
        return new MpscChunkedArrayQueue<>(Math.min(CHUNK, max / 2), max);
    }

    /** Claims space for the whole list at once; what did not fit goes through {@link #offer} one by one. */
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
