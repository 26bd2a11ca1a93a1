package io.tickengine.core.engine.internal;

import org.jctools.queues.MpscChunkedArrayQueue;

/**
 * Grows in chunks up to its capacity, so memory follows the backlog and stays bounded. An item
 * offered beyond the bound is lost and counted: the sink broke its promise to keep up.
 */
final class NeverDropMailbox<E> extends QueueMailbox<E> {
    private static final int CHUNK = 1024;

    NeverDropMailbox(int capacity) {
        super(chunked(Math.max(capacity, 4)));
    }

    private static <E> MpscChunkedArrayQueue<E> chunked(int max) {
        return new MpscChunkedArrayQueue<>(Math.min(CHUNK, max / 2), max);
    }

    @Override
    void offer(E item) {
        if (!queue.offer(item)) {
            overflowed.increment();
        }
    }
}
