package io.tickengine.server.ws;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundTest {
    /** A transport whose sends complete only when the test says so. */
    static final class StuckTransport implements Transport {
        final List<String> sent = new ArrayList<>();
        final List<Boolean> more = new ArrayList<>();
        final List<Done> pending = new ArrayList<>();
        int closeCode;
        String closeReason;

        @Override
        public void sendText(byte[] utf8, boolean more, Done done) {
            sent.add(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
            this.more.add(more);
            pending.add(done);
        }

        @Override
        public void sendBinary(ByteBuffer bytes, boolean more, Done done) {
            sendText("binary".getBytes(java.nio.charset.StandardCharsets.UTF_8), more, done);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
        }

        /** Completes the sends pending now; sends they trigger stay pending. */
        void completeAll() {
            List<Done> now = new ArrayList<>(pending);
            pending.clear();
            now.forEach(d -> d.completed(null));
        }
    }

    private final AtomicInteger conflated = new AtomicInteger();
    private final AtomicInteger slowClosed = new AtomicInteger();
    private final Outbound.Listener listener = new Outbound.Listener() {
        @Override
        public void sent(int updates) {
        }

        @Override
        public void conflated() {
            conflated.incrementAndGet();
        }

        @Override
        public void closedSlow() {
            slowClosed.incrementAndGet();
        }

        @Override
        public void failed(RuntimeException e) {
            failures.incrementAndGet();
        }
    };
    private final AtomicInteger failures = new AtomicInteger();

    private static Outbound outbound(Transport t, int capacity, AtomicLong clock, Outbound.Listener l) {
        return new Outbound(t, capacity, 1, 1, 1000, clock::get, l, Runnable::run, batch -> String.valueOf(batch.get(0)));
    }

    @Test
    void shouldKeepSeveralFramesInFlightAndMarkAllButTheLastOfARunAsMore() {
        StuckTransport t = new StuckTransport();
        List<Runnable> tasks = new ArrayList<>();
        Outbound out = new Outbound(t, 64, 1, 3, 1000, () -> 0, listener, tasks::add,
                batch -> String.valueOf(batch.get(0)));
        for (int i = 0; i < 5; i++) {
            out.offer(i, "u" + i);
        }
        tasks.remove(0).run();
        assertThat(t.sent).containsExactly("u0", "u1", "u2");
        assertThat(t.more).containsExactly(true, true, false);
        t.completeAll();
        assertThat(tasks).hasSize(1);
        tasks.remove(0).run();
        assertThat(t.sent).containsExactly("u0", "u1", "u2", "u3", "u4");
        assertThat(t.more).containsExactly(true, true, false, true, false);
    }

    @Test
    void shouldSendOnlyOnItsPumperAndScheduleOnePumpForManyOffers() {
        StuckTransport t = new StuckTransport();
        List<Runnable> tasks = new ArrayList<>();
        Outbound out = new Outbound(t, 64, 1, 8, 1000, () -> 0, listener, tasks::add,
                batch -> String.valueOf(batch.get(0)));
        out.offer(1, "a");
        out.offer(2, "b");
        out.control("hello");
        assertThat(t.sent).isEmpty();
        assertThat(tasks).hasSize(1);
        tasks.remove(0).run();
        assertThat(t.sent).containsExactly("hello", "a", "b");
        assertThat(t.more).containsExactly(true, true, false);
    }

    @Test
    void shouldNotScheduleAnotherPumpForWorkTheRunningPumpSees() {
        List<String> sent = new ArrayList<>();
        List<Runnable> tasks = new ArrayList<>();
        Outbound[] self = new Outbound[1];
        Transport completesAtOnce = new Transport() {
            @Override
            public void sendText(byte[] utf8, boolean more, Done done) {
                String text = new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
                sent.add(text);
                if (text.equals("a")) {
                    self[0].offer(3, "late");
                }
                done.completed(null);
            }

            @Override
            public void sendBinary(ByteBuffer bytes, boolean more, Done done) {
                done.completed(null);
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        self[0] = new Outbound(completesAtOnce, 64, 1, 1, 1000, () -> 0, listener, tasks::add,
                batch -> String.valueOf(batch.get(0)));
        self[0].offer(1, "a");
        self[0].offer(2, "b");
        tasks.remove(0).run();
        assertThat(sent).containsExactly("a", "b", "late");
        assertThat(tasks).isEmpty();
    }

    @Test
    void shouldCloseWith1011AndCountWhenEncodingFails() {
        StuckTransport t = new StuckTransport();
        Outbound out = new Outbound(t, 64, 1, 8, 1000, () -> 0, listener, Runnable::run, batch -> {
            throw new IllegalStateException("cannot encode");
        });
        out.offer(1, "a");
        assertThat(failures.get()).isEqualTo(1);
        assertThat(t.closeCode).isEqualTo(1011);
        out.offer(2, "b");
        assertThat(t.sent).isEmpty();
    }

    @Test
    void shouldSendInOrderWithOneWriteInFlight() {
        StuckTransport t = new StuckTransport();
        Outbound out = outbound(t, 8, new AtomicLong(), listener);
        out.offer(1, "a");
        out.offer(2, "b");
        out.control("hello");
        assertThat(t.sent).containsExactly("a");
        t.completeAll();
        assertThat(t.sent).containsExactly("a", "hello");
        t.completeAll();
        assertThat(t.sent).containsExactly("a", "hello", "b");
    }

    @Test
    void shouldConflateToLatestPerKeyWhenFullThenCloseWith1013WhenBehindTooLong() {
        StuckTransport t = new StuckTransport();
        AtomicLong clock = new AtomicLong(0);
        Outbound out = outbound(t, 8, clock, listener);
        for (int i = 0; i < 9; i++) {
            out.offer(i, "fifo" + i);
        }
        out.offer(100, "x1");
        out.offer(100, "x2");
        out.offer(100, "x3");
        assertThat(out.conflating()).isTrue();
        assertThat(conflated.get()).isEqualTo(2);
        assertThat(out.backlog()).isEqualTo(9);
        clock.set(1001);
        out.offer(100, "x4");
        assertThat(t.closeCode).isEqualTo(Outbound.CLOSE_TOO_SLOW);
        assertThat(t.closeReason).contains("too slow");
        assertThat(slowClosed.get()).isEqualTo(1);
    }

    @Test
    void shouldRecoverFromConflationWhenTheClientCatchesUp() {
        StuckTransport t = new StuckTransport();
        AtomicLong clock = new AtomicLong(0);
        Outbound out = outbound(t, 8, clock, listener);
        for (int i = 0; i < 9; i++) {
            out.offer(i, "fifo" + i);
        }
        out.offer(100, "old");
        out.offer(100, "new");
        for (int i = 0; i < 20; i++) {
            t.completeAll();
        }
        assertThat(out.conflating()).isFalse();
        assertThat(t.sent).contains("new").doesNotContain("old");
        assertThat(t.closeCode).isZero();
    }
}
