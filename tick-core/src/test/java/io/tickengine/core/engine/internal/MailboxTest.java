package io.tickengine.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.sink.OverflowPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MailboxTest {
    private static final int FRAMES = 2_000;
    private static final int FRAME = 100;

    @Test
    void shouldDeliverEveryItemInOrderThroughBulkOffersWhileDrainingConcurrently() throws Exception {
        for (int round = 0; round < 5; round++) {
            Mailbox<Long> mailbox = Mailbox.create(OverflowPolicy.NEVER_DROP, 1 << 20, Long::longValue);
            assertThat(pump(mailbox)).as("round " + round).isEqualTo(FRAMES * FRAME);
            assertThat(mailbox.overflowed()).isZero();
        }
    }

    @Test
    void shouldKeepOrderAndCountDropsWhenBulkOffersOverflowADropOldestMailbox() throws Exception {
        Mailbox<Long> mailbox = Mailbox.create(OverflowPolicy.DROP_OLDEST, 1 << 20, Long::longValue);
        assertThat(pump(mailbox) + mailbox.overflowed()).isEqualTo(FRAMES * FRAME);
    }

    @Test
    void shouldDiscardTheOldestItemsOfAFullDropOldestMailboxAndCountThem() {
        Mailbox<Long> mailbox = Mailbox.create(OverflowPolicy.DROP_OLDEST, 4, Long::longValue);
        for (long i = 1; i <= 10; i++) {
            mailbox.offer(i);
        }
        mailbox.offerAll(List.of(11L, 12L));

        List<Long> out = new ArrayList<>();
        mailbox.drain(out, 100);
        assertThat(out).containsExactly(9L, 10L, 11L, 12L);
        assertThat(mailbox.overflowed()).isEqualTo(8);
        assertThat(mailbox.size()).isZero();
    }

    /**
     * Three producers overflow a small DROP_OLDEST mailbox, then go on while the consumer drains: each producer's
     * items arrive in order, every item is delivered or counted, and the newest item is never the one
     * discarded.
     */
    @Test
    void shouldKeepOrderAndCountEveryDiscardUnderConcurrentDropOldestProducers() throws Exception {
        long perProducer = 200_000;
        for (int round = 0; round < 5; round++) {
            Mailbox<Long> mailbox = Mailbox.create(OverflowPolicy.DROP_OLDEST, 64, Long::longValue);
            long[] lastSeen = new long[4];
            List<String> backwards = new ArrayList<>();
            List<Long> tail = new ArrayList<>();
            CountDownLatch overfilled = new CountDownLatch(3);
            DrainingConsumer consumer = new DrainingConsumer(mailbox, 16, overfilled, item -> {
                int producer = item == Long.MAX_VALUE ? 0 : (int) (item / 1_000_000_000L);
                if (item <= lastSeen[producer]) {
                    backwards.add(item + " after " + lastSeen[producer]);
                }
                lastSeen[producer] = item;
                tail.add(item);
            });
            consumer.start();
            List<Thread> producers = new ArrayList<>();
            for (int p = 1; p <= 3; p++) {
                long base = p * 1_000_000_000L;
                Thread t = new Thread(() -> {
                    for (long i = 1; i <= perProducer; i++) {
                        mailbox.offer(base + i);
                        if (i == 1_000) {
                            overfilled.countDown();
                        }
                    }
                });
                t.start();
                producers.add(t);
            }
            for (Thread t : producers) {
                t.join();
            }
            mailbox.offer(Long.MAX_VALUE);
            long received = consumer.finish();

            assertThat(backwards).as("round " + round).isEmpty();
            assertThat(received + mailbox.overflowed()).as("round " + round).isEqualTo(3 * perProducer + 1);
            assertThat(tail.get(tail.size() - 1)).as("round " + round).isEqualTo(Long.MAX_VALUE);
            // Each producer offered more than the capacity before the consumer started.
            assertThat(mailbox.overflowed()).as("round " + round).isPositive();
        }
    }

    @Test
    void shouldCountEveryItemOfANeverDropMailboxPastItsBound() {
        Mailbox<Long> mailbox = Mailbox.create(OverflowPolicy.NEVER_DROP, 4096, Long::longValue);
        List<Long> frame = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            frame.add(i);
        }
        mailbox.offerAll(frame);

        List<Long> out = new ArrayList<>();
        mailbox.drain(out, Integer.MAX_VALUE);
        assertThat(out).hasSize(4096).isSorted().startsWith(0L);
        assertThat(mailbox.overflowed()).isEqualTo(10_000 - 4096);
    }

    /** One producer offers frames in bulk while one consumer drains; returns how many arrived, in order. */
    private static int pump(Mailbox<Long> mailbox) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        List<Long> received = new ArrayList<>();
        Thread consumer = new Thread(() -> {
            List<Long> batch = new ArrayList<>();
            while (!done.get() || mailbox.size() > 0) {
                batch.clear();
                mailbox.drain(batch, 1024);
                received.addAll(batch);
            }
        });
        consumer.start();
        long next = 0;
        for (int f = 0; f < FRAMES; f++) {
            List<Long> frame = new ArrayList<>(FRAME);
            for (int i = 0; i < FRAME; i++) {
                frame.add(next++);
            }
            mailbox.offerAll(frame);
        }
        done.set(true);
        consumer.join();
        assertThat(received).isSorted().doesNotHaveDuplicates();
        return received.size();
    }
}
