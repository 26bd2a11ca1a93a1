package io.tickengine.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.sink.OverflowPolicy;
import java.util.ArrayList;
import java.util.List;
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
