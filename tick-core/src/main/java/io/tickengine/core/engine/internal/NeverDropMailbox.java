package io.tickengine.core.engine.internal;

/**
 * Grows in chunks up to its capacity, so memory follows the backlog and stays bounded. An item
 * offered beyond the bound is lost and counted: the sink broke its promise to keep up.
 */
final class NeverDropMailbox<E> extends QueueMailbox<E> {
    NeverDropMailbox(int capacity) {
        super(growing(capacity));
    }

    @Override
    void offer(E item) {
        if (!queue.offer(item)) {
            overflowed.increment();
        }
    }
}
