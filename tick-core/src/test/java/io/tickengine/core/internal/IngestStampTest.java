package io.tickengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IngestStampTest {
    private static Tick fresh() {
        return Tick.builder().instrumentToken(256_265).exchange(Exchange.NSE).mode(TickMode.LTP).priceScale(2)
                .lastPrice(2_450_05).receiveTimestamp(1_700_000_000_000L).build();
    }

    @Test
    void shouldStampAnUnstampedTickInPlace() {
        Tick tick = fresh();

        Tick stamped = IngestStamp.stamp(tick, 7);

        assertThat(stamped).isSameAs(tick);
        assertThat(tick.ingestSequence()).isEqualTo(7);
    }

    @Test
    void shouldCopyATickThatAlreadyHasASequenceAndLeaveTheOriginalUnchanged() {
        Tick tick = IngestStamp.stamp(fresh(), 7);

        Tick again = IngestStamp.stamp(tick, 8);

        assertThat(again).isNotSameAs(tick);
        assertThat(again.ingestSequence()).isEqualTo(8);
        assertThat(tick.ingestSequence()).isEqualTo(7);
        assertThat(again).isEqualTo(tick.withIngestSequence(8));
    }

    @Test
    void shouldCopyATickBuiltWithASequence() {
        Tick replayed = fresh().withIngestSequence(3);

        Tick stamped = IngestStamp.stamp(replayed, 9);

        assertThat(stamped).isNotSameAs(replayed);
        assertThat(stamped.ingestSequence()).isEqualTo(9);
        assertThat(replayed.ingestSequence()).isEqualTo(3);
    }

    @Test
    void shouldLetExactlyOneOfSeveralRacingThreadsStampTheSameTickInPlace() throws Exception {
        for (int round = 0; round < 200; round++) {
            Tick tick = fresh();
            int threads = 4;
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger inPlace = new AtomicInteger();
            List<Tick> results = Collections.synchronizedList(new ArrayList<>());
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long sequence = 100 + t;
                Thread w = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    Tick result = IngestStamp.stamp(tick, sequence);
                    if (result == tick) {
                        inPlace.incrementAndGet();
                    }
                    results.add(result);
                });
                w.start();
                workers.add(w);
            }
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }

            assertThat(inPlace).as("round " + round).hasValue(1);
            assertThat(results).extracting(Tick::ingestSequence).containsExactlyInAnyOrder(100L, 101L, 102L, 103L);
        }
    }
}
