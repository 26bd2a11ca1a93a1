package io.tickengine.core.engine;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink that keeps what it receives; it can be held on a latch, slowed down, or made to fail. */
class RecordingSink implements TickSink {
    final List<Tick> received = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger timerCalls = new AtomicInteger();
    final List<Long> timerTimes = Collections.synchronizedList(new ArrayList<>());
    volatile boolean timerFollowsInput;
    final List<String> lifecycle = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile CountDownLatch entered = new CountDownLatch(1);
    volatile long sleepMillisPerBatch;
    private final String name;
    private final OverflowPolicy policy;

    RecordingSink(String name, OverflowPolicy policy) {
        this.name = name;
        this.policy = policy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OverflowPolicy overflowPolicy() {
        return policy;
    }

    @Override
    public void onBatch(List<Tick> batch) throws Exception {
        entered.countDown();
        gate.await();
        if (sleepMillisPerBatch > 0) {
            Thread.sleep(sleepMillisPerBatch); // the behaviour under test: a slow sink
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("injected failure");
        }
        received.addAll(batch);
        batches.incrementAndGet();
    }

    @Override
    public void onTimer(long nowMillis) {
        timerCalls.incrementAndGet();
        timerTimes.add(nowMillis);
    }

    @Override
    public boolean timerFollowsInput() {
        return timerFollowsInput;
    }

    @Override
    public void flush() {
        lifecycle.add("flush:" + received.size());
    }

    @Override
    public void close() {
        lifecycle.add("close");
    }

    int size() {
        return received.size();
    }

    List<Long> prices() {
        synchronized (received) {
            List<Long> prices = new ArrayList<>(received.size());
            received.forEach(t -> prices.add(t.lastPrice()));
            return prices;
        }
    }
}
