package io.tickengine.server.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.server.auth.Principal;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fan-out shards: each engine batch is handed to a shard once, routed there to its own clients in order,
 * and each client's frames of one round leave together; a slow client or a full shard loses nothing
 * silently and never blocks another client.
 */
class FanOutTest {
    /** A transport that records frames and completes each send at once, unless it is stuck. */
    static final class RecordingTransport implements Transport {
        final List<String> frames = Collections.synchronizedList(new ArrayList<>());
        final List<Boolean> more = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final boolean stuck;
        volatile int closeCode;

        RecordingTransport(boolean stuck) {
            this.stuck = stuck;
        }

        @Override
        public synchronized void sendText(byte[] utf8, boolean more, Done done) {
            frames.add(new String(utf8, StandardCharsets.UTF_8));
            this.more.add(more);
            threads.add(Thread.currentThread().getName());
            if (!stuck) {
                done.completed(null);
            }
        }

        @Override
        public void sendBinary(ByteBuffer bytes, boolean more, Done done) {
            sendText(new byte[0], more, done);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }
    }

    private final HubCounters counters = new HubCounters();
    // Where the next batch starts in the (here imaginary) resume buffer.
    private long position;

    /** Publishes a batch as the broadcaster does, each batch starting where the one before ended. */
    private void publish(FanOut fanOut, SharedTick[] batch) {
        long first;
        synchronized (this) {
            first = position;
            position += batch.length;
        }
        fanOut.publish(batch, first);
    }

    private ClientSession client(FanOut fanOut, RecordingTransport t, int capacity, long... tokens) {
        ClientSession s = new ClientSession("c", Dialect.TICKS, "/ws/ticks", Principal.ANONYMOUS, "127.0.0.1", 0,
                token -> InstrumentClass.STOCK);
        FanOutShard shard = fanOut.assign();
        s.attach(new Outbound(t, capacity, 1, Outbound.DEFAULT_MAX_IN_FLIGHT, 60_000, () -> 0, counters, shard,
                batch -> (((SharedTick) batch.get(0)).tick().instrumentToken() + ":"
                        + ((SharedTick) batch.get(0)).tick().lastPrice()).getBytes(StandardCharsets.UTF_8)), shard);
        for (long token : tokens) {
            shard.add(token, s);
        }
        return s;
    }

    private static SharedTick[] batch(long token, long... prices) {
        SharedTick[] b = new SharedTick[prices.length];
        for (int i = 0; i < prices.length; i++) {
            b[i] = new SharedTick(Tick.builder().instrumentToken(token).mode(TickMode.LTP).priceScale(2)
                    .lastPrice(prices[i]).build());
        }
        return b;
    }

    /** Blocks the shard's thread until the returned latch is released, so work piles up behind it. */
    static CountDownLatch hold(FanOutShard shard) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        shard.execute(() -> {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS); // a test releases it within milliseconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Test
    void shouldSendEverythingOfAMultiBatchDrainInOrderInOneWrite() throws InterruptedException {
        try (FanOut fanOut = new FanOut(1, token -> InstrumentClass.STOCK)) {
            RecordingTransport t = new RecordingTransport(false);
            ClientSession s = client(fanOut, t, 1024, 1, 2);
            CountDownLatch release = hold(s.shard());
            publish(fanOut, batch(1, 10, 11));
            s.out().control("{\"type\":\"pong\"}");
            publish(fanOut, batch(2, 20));
            publish(fanOut, batch(3, 30));
            publish(fanOut, batch(1, 12, 13));
            assertThat(t.frames).isEmpty();
            release.countDown();
            await(() -> t.frames.size() == 6);
            // The control message goes first and its pump takes what was routed before it; the rest of
            // the drain goes out together, one write.
            assertThat(t.frames).containsExactly("{\"type\":\"pong\"}", "1:10", "1:11", "2:20", "1:12", "1:13");
            assertThat(t.more).containsExactly(true, true, false, true, true, false);
            assertThat(t.threads).containsOnly("ws-fanout-0");
            // A pump counts what it sent once it stops, after its last frame reached the transport.
            await(() -> counters.updatesSent() == 5);
            assertThat(fanOut.queuedTicks()).isZero();
        }
    }

    @Test
    void shouldNotLetAStuckClientDelayAnotherOnItsShardOrTheBroadcaster() throws InterruptedException {
        try (FanOut fanOut = new FanOut(1, token -> InstrumentClass.STOCK)) {
            RecordingTransport stuck = new RecordingTransport(true);
            RecordingTransport fast = new RecordingTransport(false);
            ClientSession slow = client(fanOut, stuck, 8, 1);
            client(fanOut, fast, 1024, 1);
            for (int i = 0; i < 500; i++) {
                publish(fanOut, batch(1, i));
            }
            await(() -> fast.frames.size() == 500);
            assertThat(fast.frames.get(499)).isEqualTo("1:499");
            // The stuck client's first write never completes: what followed waited in its buffer.
            assertThat(stuck.frames).hasSizeBetween(1, Outbound.DEFAULT_MAX_IN_FLIGHT);
            assertThat(stuck.more.get(stuck.more.size() - 1)).isFalse();
            assertThat(slow.out().conflating()).isTrue();
            assertThat(slow.out().backlog()).isLessThanOrEqualTo(9);
            assertThat(counters.conflatedUpdates()).isGreaterThan(400);
            assertThat(fanOut.waits()).isZero();
        }
    }

    @Test
    void shouldMakeTheBroadcasterWaitForAFullShardAndLoseNothing() throws Exception {
        try (FanOut fanOut = new FanOut(1, 4, token -> InstrumentClass.STOCK)) {
            RecordingTransport t = new RecordingTransport(false);
            ClientSession s = client(fanOut, t, 1024, 1);
            CountDownLatch release = hold(s.shard());
            publish(fanOut, batch(1, 1, 2, 3, 4));
            AtomicInteger published = new AtomicInteger();
            Thread broadcaster = new Thread(() -> {
                publish(fanOut, batch(1, 5));
                published.incrementAndGet();
            });
            broadcaster.start();
            await(() -> fanOut.waits() == 1);
            assertThat(published.get()).isZero();
            release.countDown();
            broadcaster.join(10_000);
            assertThat(published.get()).isEqualTo(1);
            await(() -> t.frames.size() == 5);
            assertThat(t.frames).containsExactly("1:1", "1:2", "1:3", "1:4", "1:5");
        }
    }

    @Test
    void shouldRouteOnlyToSubscribersOfTheShardAndStopAfterRemove() throws InterruptedException {
        try (FanOut fanOut = new FanOut(2, token -> InstrumentClass.STOCK)) {
            RecordingTransport a = new RecordingTransport(false);
            RecordingTransport b = new RecordingTransport(false);
            ClientSession first = client(fanOut, a, 64, 1, 2);
            ClientSession second = client(fanOut, b, 64, 2);
            assertThat(first.shard()).isNotSameAs(second.shard());
            publish(fanOut, batch(1, 100));
            publish(fanOut, batch(2, 200));
            await(() -> a.frames.size() == 2 && b.frames.size() == 1);
            first.shard().remove(2, first);
            publish(fanOut, batch(2, 201));
            publish(fanOut, batch(1, 101));
            await(() -> b.frames.size() == 2 && a.frames.size() == 3);
            assertThat(a.frames).containsExactly("1:100", "2:200", "1:101");
            assertThat(b.frames).containsExactly("2:200", "2:201");
            assertThat(a.threads).containsOnly("ws-fanout-0");
            assertThat(b.threads).containsOnly("ws-fanout-1");
        }
    }

    @Test
    void shouldStreamAWholeInstrumentClass() throws InterruptedException {
        try (FanOut fanOut = new FanOut(1, token -> token == 9 ? InstrumentClass.INDEX : InstrumentClass.STOCK)) {
            RecordingTransport t = new RecordingTransport(false);
            ClientSession s = client(fanOut, t, 64, 1);
            s.shard().streamAll(InstrumentClass.INDEX, s);
            publish(fanOut, batch(8, 800));
            publish(fanOut, batch(9, 900));
            await(() -> t.frames.size() == 1);
            s.shard().forget(s);
            publish(fanOut, batch(9, 901));
            publish(fanOut, batch(1, 100));
            await(() -> t.frames.size() == 2);
            assertThat(t.frames).containsExactly("9:900", "1:100");
        }
    }

    @Test
    void shouldRunTasksInOrderOnTheShardThreadAndInlineOnceClosed() throws InterruptedException {
        FanOut fanOut = new FanOut(1, token -> InstrumentClass.STOCK);
        RecordingTransport t = new RecordingTransport(false);
        ClientSession s = client(fanOut, t, 64, 1);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            int n = i;
            s.shard().execute(() -> order.add(n));
        }
        CountDownLatch done = new CountDownLatch(1);
        s.shard().execute(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).isSorted().hasSize(100);
        fanOut.close();
        publish(fanOut, batch(1, 7));
        assertThat(t.frames).containsExactly("1:7");
        assertThat(t.threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void shouldServeAShardsClientsInlineAfterAnErrorEndsItsThread() throws InterruptedException {
        try (FanOut fanOut = new FanOut(1, token -> InstrumentClass.STOCK)) {
            RecordingTransport t = new RecordingTransport(false);
            ClientSession s = client(fanOut, t, 64, 1);
            s.shard().execute(() -> {
                throw new AssertionError("simulated error on the fan-out thread");
            });
            await(() -> fanOut.failures() == 1);
            publish(fanOut, batch(1, 5));
            assertThat(t.frames).containsExactly("1:5");
            assertThat(t.threads).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void shouldRefuseNoThreadsOrNoQueue() {
        assertThatThrownBy(() -> new FanOut(0, token -> InstrumentClass.STOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new FanOut(1, 0, token -> InstrumentClass.STOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one tick");
    }
}
