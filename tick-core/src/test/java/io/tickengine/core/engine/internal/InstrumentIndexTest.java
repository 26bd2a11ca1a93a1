package io.tickengine.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstrumentIndexTest {
    @Test
    void shouldNumberTokensDenselyInFirstSeenOrderAndKeepTheirIndex() {
        InstrumentIndex index = new InstrumentIndex();

        assertThat(index.indexOf(256_265)).isZero();
        assertThat(index.indexOf(738_561)).isEqualTo(1);
        assertThat(index.indexOf(256_265)).isZero();
        assertThat(index.indexOf(-5)).isEqualTo(2);
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void shouldGiveEveryTokenOneIndexWithoutGapsWhenThreadsRace() throws Exception {
        InstrumentIndex index = new InstrumentIndex();
        int tokens = 5_000;
        Map<Long, Integer> seen = new ConcurrentHashMap<>();
        List<String> conflicts = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (long token = 0; token < tokens; token++) {
                    int i = index.indexOf(token * 256 + 9);
                    Integer before = seen.putIfAbsent(token, i);
                    if (before != null && before != i) {
                        synchronized (conflicts) {
                            conflicts.add(token + ": " + before + " and " + i);
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(conflicts).isEmpty();
        assertThat(seen.values()).doesNotHaveDuplicates().hasSize(tokens);
        assertThat(seen.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(tokens - 1);
    }
}
