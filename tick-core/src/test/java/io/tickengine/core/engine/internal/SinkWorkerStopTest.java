package io.tickengine.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SinkWorkerStopTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * The worker finds its mailbox empty; before it looks at the stop flag, the producer offers a frame
     * and calls stop(). The mailbox below holds the worker at exactly that point, so the interleaving
     * that lost ticks under load happens on every run.
     */
    @Test
    void shouldDeliverAFrameOfferedJustBeforeStopWhileTheWorkerFoundItsMailboxEmpty() throws Exception {
        StoppingMailbox mailbox = new StoppingMailbox(Thread.currentThread());
        CountingSink sink = new CountingSink();
        SinkWorker<Tick> worker = SinkWorker.forTicks(sink,
                SinkOptions.builder().overflowPolicy(OverflowPolicy.NEVER_DROP).build(), Clock.system(), mailbox);
        worker.start();

        worker.offerAll(frame(1));
        assertThat(mailbox.foundEmpty.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("first frame drained").isTrue();
        worker.offerAll(frame(101));
        mailbox.stopCalled = true;
        boolean clean = worker.stop(System.nanoTime() + WAIT.toNanos());

        assertThat(clean).isTrue();
        assertThat(sink.sequences()).hasSize(200).isSorted().startsWith(1L).endsWith(200L);
        assertThat(sink.flushedAfter).isEqualTo(200);
        assertThat(worker.stats().delivered()).isEqualTo(200);
        assertThat(worker.stats().queueDepth()).isZero();
    }

    private static List<Tick> frame(long firstSequence) {
        List<Tick> ticks = new ArrayList<>();
        for (long seq = firstSequence; seq < firstSequence + 100; seq++) {
            ticks.add(Tick.builder().instrumentToken(1 + seq % 4).exchange(Exchange.NSE).mode(TickMode.QUOTE)
                    .priceScale(2).lastPrice(1_000 + seq).receiveTimestamp(seq).build().withIngestSequence(seq));
        }
        return ticks;
    }

    /**
     * A NEVER_DROP mailbox that, the first time it is found empty after handing out items, holds the
     * worker thread until the producer has called stop() and waits in its join, so the stop flag is set.
     */
    private static final class StoppingMailbox extends Mailbox<Tick> {
        private final Mailbox<Tick> queue = Mailbox.create(OverflowPolicy.NEVER_DROP, 1024, Tick::instrumentToken);
        private final Thread producer;
        final CountDownLatch foundEmpty = new CountDownLatch(1);
        volatile boolean stopCalled;
        private volatile boolean handedOut;

        StoppingMailbox(Thread producer) {
            this.producer = producer;
        }

        @Override
        void offer(Tick item) {
            queue.offer(item);
        }

        @Override
        void offerAll(List<Tick> items) {
            queue.offerAll(items);
        }

        @Override
        int drain(List<Tick> into, int max) {
            int n = queue.drain(into, max);
            handedOut |= n > 0;
            return n;
        }

        @Override
        int size() {
            int n = queue.size();
            if (n == 0 && handedOut && foundEmpty.getCount() > 0) {
                foundEmpty.countDown();
                await().atMost(WAIT).until(() -> stopCalled && producer.getState() == Thread.State.TIMED_WAITING);
            }
            return n;
        }

        @Override
        long overflowed() {
            return queue.overflowed();
        }
    }

    private static final class CountingSink implements TickSink {
        private final List<Long> sequences = new ArrayList<>();
        volatile int flushedAfter = -1;

        @Override
        public OverflowPolicy overflowPolicy() {
            return OverflowPolicy.NEVER_DROP;
        }

        @Override
        public synchronized void onBatch(List<Tick> batch) {
            batch.forEach(t -> sequences.add(t.ingestSequence()));
        }

        @Override
        public synchronized void flush() {
            flushedAfter = sequences.size();
        }

        synchronized List<Long> sequences() {
            return new ArrayList<>(sequences);
        }
    }
}
