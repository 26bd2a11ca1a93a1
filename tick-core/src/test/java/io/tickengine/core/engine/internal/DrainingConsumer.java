package io.tickengine.core.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The consumer side of the mailbox stress tests: once {@code gate} opens it drains in batches of
 * {@code max}, handing every item to {@code onItem}, until {@link #finish()} was called and the
 * mailbox is empty.
 */
final class DrainingConsumer extends Thread {
    private final Mailbox<Long> mailbox;
    private final int max;
    private final CountDownLatch gate;
    private final LongConsumer onItem;
    private final AtomicBoolean done = new AtomicBoolean();
    private long received;

    DrainingConsumer(Mailbox<Long> mailbox, int max, CountDownLatch gate, LongConsumer onItem) {
        super("draining-consumer");
        this.mailbox = mailbox;
        this.max = max;
        this.gate = gate;
        this.onItem = onItem;
    }

    @Override
    public void run() {
        try {
            gate.await();
        } catch (InterruptedException e) {
            return;
        }
        List<Long> batch = new ArrayList<>();
        while (true) {
            boolean finished = done.get();
            batch.clear();
            mailbox.drain(batch, max);
            for (long item : batch) {
                onItem.accept(item);
            }
            received += batch.size();
            if (finished && batch.isEmpty() && mailbox.size() == 0) {
                return;
            }
        }
    }

    /**
     * Tells the consumer the producers are done and waits for it to drain what is left.
     *
     * @return how many items it received, or -1 when it did not finish within a minute
     */
    long finish() throws InterruptedException {
        done.set(true);
        join(TimeUnit.MINUTES.toMillis(1));
        return isAlive() ? -1 : received;
    }
}
