package io.tickengine.server.ws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fan-out shards: one thread per shard, a client's sends in order on its shard, inline after close. */
class FanOutTest {
    @Test
    void shouldRunAClientsTasksInOrderOnOneFanOutThread() throws InterruptedException {
        try (FanOut fanOut = new FanOut(2)) {
            Executor client = fanOut.assign();
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 100; i++) {
                int n = i;
                client.execute(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread().getName());
                });
            }
            CountDownLatch done = new CountDownLatch(1);
            client.execute(done::countDown);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(order).isSorted().hasSize(100);
            assertThat(threads).containsOnly(threads.get(0));
            assertThat(threads.get(0)).startsWith("ws-fanout-");
        }
    }

    @Test
    void shouldSpreadClientsRoundRobinOverItsThreads() throws InterruptedException {
        try (FanOut fanOut = new FanOut(2)) {
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(4);
            for (int i = 0; i < 4; i++) {
                fanOut.assign().execute(() -> {
                    threads.add(Thread.currentThread().getName());
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(threads).containsOnly("ws-fanout-0", "ws-fanout-1");
            assertThat(threads.stream().distinct()).hasSize(2);
        }
    }

    @Test
    void shouldRunOnTheCallersThreadOnceClosedAndRefuseNoThreads() {
        FanOut fanOut = new FanOut(1);
        Executor client = fanOut.assign();
        fanOut.close();
        List<String> threads = new ArrayList<>();
        client.execute(() -> threads.add(Thread.currentThread().getName()));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
        assertThatThrownBy(() -> new FanOut(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }
}
