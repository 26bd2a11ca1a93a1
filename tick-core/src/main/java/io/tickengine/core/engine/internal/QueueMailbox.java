package io.tickengine.core.engine.internal;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MessagePassingQueue;

/** A mailbox over one bounded JCTools queue; subclasses decide what a full queue means. */
abstract class QueueMailbox<E> extends Mailbox<E> {
    protected final MessagePassingQueue<E> queue;
    protected final LongAdder overflowed = new LongAdder();

    QueueMailbox(MessagePassingQueue<E> queue) {
        this.queue = queue;
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
