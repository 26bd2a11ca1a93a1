package io.tickengine.core.candle.internal;

import io.tickengine.core.candle.Candle;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the series hand their candles, with the counters the aggregator reports. Written by the
 * aggregator's one thread; the counters may be read from any thread.
 */
public final class CandleOutput {
    private final Consumer<Candle> consumer;
    private volatile long emitted;
    private volatile int open;

    /** Output to a consumer that must not throw (the engine's fan-out only enqueues). */
    public CandleOutput(Consumer<Candle> consumer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** Hands a new or revised candle to the consumer. */
    public void emit(Candle candle) {
        consumer.accept(candle);
        emitted++;
    }

    /** A series opened a candle. */
    public void opened() {
        open++;
    }

    /** A series closed a candle. */
    public void closed() {
        open--;
    }

    /** Candles handed to the consumer, revisions included. */
    public long emitted() {
        return emitted;
    }

    /** Candles open now. */
    public int open() {
        return open;
    }
}
