package io.tickengine.store.timescale;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.sink.TickSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays the engine's sink thread: hands a sink batches of ticks (one list, reused) with ingest sequences
 * 1, 2, 3, ... and calls its timer, at a steady pace, until stopped. Four instruments; every tick of one
 * second shares its exchange timestamp, as Kite's do.
 */
final class TickProducer implements AutoCloseable {
    static final long T0 = 1_731_988_800_000L;

    private final TickSink sink;
    private final int batchSize;
    private final long pauseNanos;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    TickProducer(TickSink sink, int batchSize, long pauseMicros) {
        this.sink = sink;
        this.batchSize = batchSize;
        this.pauseNanos = TimeUnit.MICROSECONDS.toNanos(pauseMicros);
        this.thread = new Thread(this::run, "test-tick-producer");
    }

    TickProducer start() {
        thread.start();
        return this;
    }

    /** Ticks handed to the sink so far. */
    long sent() {
        return sent.get();
    }

    /** The tick with ingest sequence {@code seq} (1-based), as the producer made it. */
    static Tick tick(long seq) {
        long token = 408_065 + (seq % 4) * 256;
        long price = 157_370 + seq % 1_000;
        long exchangeTs = T0 + (seq / 50) * 1_000;
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol("SYM" + seq % 4)
                .tradable(true).mode(TickMode.FULL).priceScale(2).lastPrice(price).lastQuantity(1)
                .volume(1_000 + seq).open(157_000).high(158_000).low(156_000).close(157_100)
                .exchangeTimestamp(exchangeTs).lastTradeTime(exchangeTs).receiveTimestamp(exchangeTs + seq % 1_000)
                .depth(Depth.builder(5).bid(price - 5, 10, 1).ask(price + 5, 20, 2).build())
                .rawPacket(new byte[]{(byte) seq, (byte) (seq >> 8), 7}).build().withIngestSequence(seq);
    }

    private void run() {
        List<Tick> batch = new ArrayList<>(batchSize);
        long seq = 0;
        try {
            while (running) {
                batch.clear();
                for (int i = 0; i < batchSize; i++) {
                    batch.add(tick(++seq));
                }
                sink.onBatch(batch);
                sent.set(seq);
                sink.onTimer(System.currentTimeMillis());
                LockSupport.parkNanos(pauseNanos);
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    /** Stops producing and rethrows anything the sink threw. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the sink threw", failure.get());
        }
    }
}
