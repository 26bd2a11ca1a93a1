package io.tickengine.core.engine.internal;

import java.util.List;

/** What a worker calls on its sink; adapts tick and candle sinks to one worker. */
interface Delivery<E> {
    void deliver(List<E> batch) throws Exception;

    void timer(long nowMillis) throws Exception;

    void flush() throws Exception;

    void close() throws Exception;

    /** The time an item was produced, epoch millis, for lag. */
    long timestampOf(E item);
}
