package io.tickengine.core.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** The calls a worker makes on its sink, so one worker serves tick and candle sinks alike. */
final class Delivery<E> {
    /** Hands a batch to the sink. */
    @FunctionalInterface
    interface BatchCall<E> {
        void deliver(List<E> batch) throws Exception;
    }

    /** The sink's timer. */
    @FunctionalInterface
    interface TimerCall {
        void timer(long nowMillis) throws Exception;
    }

    final BatchCall<E> batch;
    final TimerCall timer;
    final Breaker.SinkCall flush;
    final Breaker.SinkCall close;
    /** The time an item was produced, epoch millis, for lag. */
    final ToLongFunction<E> timestampOf;
    /** Whether the timer gets the time up to which the sink has seen its input (see {@code TickSink.timerFollowsInput}). */
    final boolean timerFollowsInput;
    final Supplier<Map<String, Long>> metrics;

    Delivery(BatchCall<E> batch, TimerCall timer, Breaker.SinkCall flush, Breaker.SinkCall close,
             ToLongFunction<E> timestampOf, boolean timerFollowsInput, Supplier<Map<String, Long>> metrics) {
        this.batch = batch;
        this.timer = timer;
        this.flush = flush;
        this.close = close;
        this.timestampOf = timestampOf;
        this.timerFollowsInput = timerFollowsInput;
        this.metrics = metrics;
    }
}
