package io.tickengine.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.sink.OverflowPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ConflatingMailboxTest {
    /** Items are {@code key * 1_000_000 + version}; the key doubles as the dense index. */
    private static final long VERSIONS = 1_000_000;

    private static Mailbox<Long> mailbox(int capacity) {
        return Mailbox.create(OverflowPolicy.CONFLATE, capacity, item -> item / VERSIONS);
    }

    private static long item(long key, long version) {
        return key * VERSIONS + version;
    }

    private static List<Long> drain(Mailbox<Long> mailbox, int max) {
        List<Long> out = new ArrayList<>();
        mailbox.drain(out, max);
        return out;
    }

    @Test
    void shouldPassEveryItemThroughInArrivalOrderWhileThereIsRoom() {
        Mailbox<Long> mailbox = mailbox(1024);

        mailbox.offer(item(2, 1), 2);
        mailbox.offer(item(70_000, 1), 70_000);
        mailbox.offer(item(2, 2), 2);
        mailbox.offerAll(List.of(item(5, 1), item(2, 3), item(5, 2)), new int[] {5, 2, 5});
        assertThat(mailbox.size()).isEqualTo(6);

        assertThat(drain(mailbox, 100)).containsExactly(item(2, 1), item(70_000, 1), item(2, 2), item(5, 1),
                item(2, 3), item(5, 2));
        assertThat(mailbox.conflated()).isZero();
        assertThat(mailbox.size()).isZero();
    }

    @Test
    void shouldKeepTheLatestPerKeyOnceFullAndHandItOutAfterTheOlderQueuedItems() {
        Mailbox<Long> mailbox = mailbox(2);

        mailbox.offer(item(2, 1), 2);
        mailbox.offer(item(70_000, 1), 70_000);
        mailbox.offer(item(2, 2), 2); // queue full: key 2 moves to its slot
        // 5 and 70_000 find their slots empty but the queue full; 2 replaces its slot's item.
        mailbox.offerAll(List.of(item(5, 1), item(70_000, 2), item(2, 3)), new int[] {5, 70_000, 2});
        assertThat(mailbox.size()).isEqualTo(5);

        assertThat(drain(mailbox, 100)).containsExactly(item(2, 1), item(70_000, 1), item(2, 3), item(5, 1),
                item(70_000, 2));
        assertThat(mailbox.conflated()).isEqualTo(1);
        assertThat(mailbox.size()).isZero();

        mailbox.offer(item(2, 4), 2);
        assertThat(drain(mailbox, 100)).containsExactly(item(2, 4));
    }

    @Test
    void shouldHoldASlotBackUntilTheQueueIsDrainedToItsFenceAcrossBatches() {
        Mailbox<Long> mailbox = mailbox(4);
        for (long key = 1; key <= 4; key++) {
            mailbox.offer(item(key, 1), (int) key);
        }
        mailbox.offer(item(1, 2), 1); // fence: the four queued items

        assertThat(drain(mailbox, 2)).containsExactly(item(1, 1), item(2, 1));
        // Room in the queue again, but key 1 stays on its slot until the slot is emptied.
        mailbox.offer(item(1, 3), 1);
        mailbox.offer(item(9, 1), 9);
        assertThat(mailbox.conflated()).isEqualTo(1);

        assertThat(drain(mailbox, 1)).containsExactly(item(3, 1));
        assertThat(drain(mailbox, 100)).containsExactly(item(4, 1), item(1, 3), item(9, 1));

        // Emptied, the slot lets key 1 back into the queue behind the items already there.
        mailbox.offer(item(9, 2), 9);
        mailbox.offer(item(1, 4), 1);
        assertThat(drain(mailbox, 100)).containsExactly(item(9, 2), item(1, 4));
    }

    @Test
    void shouldSendTheRestOfAFrameToTheSlotsOnceTheQueueIsFull() {
        Mailbox<Long> mailbox = mailbox(2);

        mailbox.offerAll(List.of(item(1, 1), item(2, 1), item(3, 1), item(4, 1)), new int[] {1, 2, 3, 4});
        mailbox.offerAll(List.of(item(3, 2), item(1, 2)), new int[] {3, 1});
        assertThat(mailbox.size()).isEqualTo(5);

        assertThat(drain(mailbox, 100)).containsExactly(item(1, 1), item(2, 1), item(3, 2), item(4, 1), item(1, 2));
        assertThat(mailbox.conflated()).isEqualTo(1);
    }

    @Test
    void shouldSwitchModesTheSameWayForKeysFoundByHash() {
        Mailbox<Long> mailbox = mailbox(2);

        mailbox.offer(item(7, 1));
        mailbox.offer(item(8, 1));
        mailbox.offer(item(7, 2));
        mailbox.offer(item(8, 2));
        mailbox.offer(item(7, 3));
        assertThat(mailbox.size()).isEqualTo(4);

        assertThat(drain(mailbox, 100)).containsExactly(item(7, 1), item(8, 1), item(7, 3), item(8, 2));
        assertThat(mailbox.conflated()).isEqualTo(1);

        mailbox.offer(item(7, 4));
        mailbox.offer(item(8, 3));
        assertThat(drain(mailbox, 100)).containsExactly(item(7, 4), item(8, 3));
    }

    @Test
    void shouldRefuseANegativeIndexAndKeepWhatItHeld() {
        Mailbox<Long> mailbox = mailbox(1024);
        mailbox.offer(item(1, 1), 1);

        assertThatThrownBy(() -> mailbox.offer(7L, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");

        assertThat(drain(mailbox, 100)).containsExactly(item(1, 1));
    }

    /**
     * Producers each own a share of the keys (as a source owns its instruments) and offer rising
     * versions while a consumer drains: per key the consumer sees versions rising, ends with the last
     * one, and received + conflated equals offered. The consumer starts only after every producer
     * offered more than the queue and the keys hold, so the slots are used in every round; small
     * queues then make the producers switch between queue and slots all the time.
     */
    @Test
    void shouldKeepPerKeyOrderAndTheLatestItemAcrossModeSwitchesUnderConcurrentProducers() throws Exception {
        int[] capacities = {2, 16, 64, 1024, 4096};
        for (int round = 0; round < 10; round++) {
            int capacity = capacities[round % capacities.length];
            stress(mailbox(capacity), round % 2 == 0, "round " + round + ", capacity " + capacity);
        }
    }

    /** The same through the hash path ({@code offer(item)}), as candle sinks use it. */
    @Test
    void shouldKeepPerKeyOrderAndTheLatestItemWhenKeysAreFoundByHash() throws Exception {
        for (int capacity : new int[] {2, 64, 1024}) {
            stress(mailbox(capacity), false, true, "capacity " + capacity);
        }
    }

    private static void stress(Mailbox<Long> mailbox, boolean frames, String round) throws Exception {
        stress(mailbox, frames, false, round);
    }

    /**
     * Three producers; with {@code frames} the first offers frames of up to 64 items through
     * {@code offerAll}. With {@code byHash} every producer uses {@code offer(item)}.
     */
    private static void stress(Mailbox<Long> mailbox, boolean frames, boolean byHash, String round) throws Exception {
        int producers = 3;
        int keys = 3_000;
        int perProducer = 150_000;
        int beforeConsumer = 2 * keys;
        CountDownLatch backlog = new CountDownLatch(producers);
        Map<Long, Long> last = new HashMap<>();
        List<String> backwards = new ArrayList<>();
        DrainingConsumer consumer = new DrainingConsumer(mailbox, 512, backlog, item -> {
            Long before = last.put(item / VERSIONS, item % VERSIONS);
            if (before != null && before >= item % VERSIONS) {
                backwards.add(item + " after version " + before);
            }
        });
        consumer.start();
        long[][] lastVersion = new long[producers][keys];
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(42 + producer);
                List<Long> frame = new ArrayList<>();
                int[] indexes = new int[64];
                int frameSize = 1;
                for (int i = 0; i < perProducer; i++) {
                    int key = random.nextInt(keys / producers) * producers + producer;
                    long item = item(key, ++lastVersion[producer][key]);
                    if (byHash) {
                        mailbox.offer(item);
                    } else if (frames && producer == 0) {
                        indexes[frame.size()] = key;
                        frame.add(item);
                        if (frame.size() == frameSize) {
                            mailbox.offerAll(frame, indexes);
                            frame.clear();
                            frameSize = 1 + random.nextInt(64);
                        }
                    } else {
                        mailbox.offer(item, key);
                    }
                    if (i == beforeConsumer) {
                        backlog.countDown();
                    }
                }
                if (!frame.isEmpty()) {
                    mailbox.offerAll(frame, indexes);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long received = consumer.finish();

        assertThat(received).as(round + ": consumer finished").isNotNegative();
        assertThat(backwards).as(round).isEmpty();
        assertThat(received + mailbox.conflated()).as(round).isEqualTo((long) producers * perProducer);
        // More items than queue room and keys before the consumer started: some were replaced on slots.
        assertThat(mailbox.conflated()).as(round).isPositive();
        for (int key = 0; key < keys; key++) {
            long expected = lastVersion[key % producers][key];
            if (expected > 0) {
                assertThat(last.get((long) key)).as(round + ", key " + key).isEqualTo(expected);
            }
        }
    }
}
