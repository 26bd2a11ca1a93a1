package io.tickengine.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.sink.OverflowPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConflatingMailboxTest {
    /** Items are {@code key * 1_000_000 + version}; the key doubles as the dense index. */
    private static final long VERSIONS = 1_000_000;

    private static Mailbox<Long> mailbox() {
        return Mailbox.create(OverflowPolicy.CONFLATE, 1024, item -> item / VERSIONS);
    }

    @Test
    void shouldKeepTheLatestItemPerIndexInFirstDirtiedOrderAndCountReplacedOnes() {
        Mailbox<Long> mailbox = mailbox();

        mailbox.offer(2 * VERSIONS + 1, 2);
        mailbox.offer(70_000 * VERSIONS + 1, 70_000);
        mailbox.offer(2 * VERSIONS + 2, 2);
        mailbox.offerAll(List.of(5 * VERSIONS + 1, 70_000 * VERSIONS + 2, 2 * VERSIONS + 3), new int[] {5, 70_000, 2});

        List<Long> out = new ArrayList<>();
        assertThat(mailbox.drain(out, 100)).isEqualTo(3);
        assertThat(out).containsExactly(2 * VERSIONS + 3, 70_000 * VERSIONS + 2, 5 * VERSIONS + 1);
        assertThat(mailbox.conflated()).isEqualTo(3);
        assertThat(mailbox.size()).isZero();

        mailbox.offer(2 * VERSIONS + 4, 2);
        out.clear();
        mailbox.drain(out, 100);
        assertThat(out).containsExactly(2 * VERSIONS + 4);
    }

    @Test
    void shouldRefuseANegativeIndexAndKeepWhatItHeld() {
        Mailbox<Long> mailbox = mailbox();
        mailbox.offer(1 * VERSIONS + 1, 1);

        assertThatThrownBy(() -> mailbox.offer(7L, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");

        List<Long> out = new ArrayList<>();
        mailbox.drain(out, 100);
        assertThat(out).containsExactly(1 * VERSIONS + 1);
    }

    /**
     * Two producers, each owning half of the keys (as a source owns its instruments), offer rising
     * versions by index while a consumer drains: per key the consumer sees versions rising, ends with
     * the last one, and received + conflated equals offered.
     */
    @Test
    void shouldKeepPerKeyOrderAndAccountForEveryItemUnderConcurrentProducers() throws Exception {
        for (int round = 0; round < 3; round++) {
            Mailbox<Long> mailbox = mailbox();
            int keys = 3_000;
            int perProducer = 200_000;
            AtomicBoolean done = new AtomicBoolean();
            Map<Long, Long> last = new HashMap<>();
            List<String> backwards = new ArrayList<>();
            long[] received = {0};
            Thread consumer = new Thread(() -> {
                List<Long> batch = new ArrayList<>();
                while (true) {
                    boolean finished = done.get();
                    batch.clear();
                    mailbox.drain(batch, 512);
                    for (long item : batch) {
                        Long before = last.put(item / VERSIONS, item % VERSIONS);
                        if (before != null && before >= item % VERSIONS) {
                            backwards.add(item + " after version " + before);
                        }
                    }
                    received[0] += batch.size();
                    if (finished && batch.isEmpty() && mailbox.size() == 0) {
                        return;
                    }
                }
            });
            consumer.start();
            List<Thread> producers = new ArrayList<>();
            long[][] lastVersion = new long[2][keys];
            for (int p = 0; p < 2; p++) {
                int producer = p;
                Thread t = new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(42 + producer);
                    for (int i = 0; i < perProducer; i++) {
                        int key = random.nextInt(keys / 2) * 2 + producer;
                        long version = ++lastVersion[producer][key];
                        mailbox.offer(key * VERSIONS + version, key);
                    }
                });
                t.start();
                producers.add(t);
            }
            for (Thread t : producers) {
                t.join();
            }
            done.set(true);
            consumer.join();

            assertThat(backwards).as("round " + round).isEmpty();
            assertThat(received[0] + mailbox.conflated()).isEqualTo(2L * perProducer);
            for (int key = 0; key < keys; key++) {
                long expected = lastVersion[key % 2][key];
                if (expected > 0) {
                    assertThat(last.get((long) key)).as("key " + key).isEqualTo(expected);
                }
            }
        }
    }
}
