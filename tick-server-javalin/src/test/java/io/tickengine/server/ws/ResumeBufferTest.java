package io.tickengine.server.ws;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumeBufferTest {
    static final long MINUTE = 60_000;

    static Tick tick(long token, long sequence, boolean withBook) {
        Depth.Builder book = Depth.builder(5);
        for (int i = 0; i < 5; i++) {
            book.bid(100_00 - i, 10 + i, 1).ask(100_05 + i, 20 + i, 2);
        }
        Tick.Builder b = Tick.builder().instrumentToken(token).exchange(Exchange.NSE)
                .mode(withBook ? TickMode.FULL : TickMode.LTP).priceScale(2).lastPrice(100_00 + sequence);
        if (withBook) {
            b.depth(book.build());
        }
        return b.build().withIngestSequence(sequence);
    }

    /** What the buffer counts for one kept tick. */
    static long retained(Tick t) {
        ResumeBuffer one = new ResumeBuffer(MINUTE, 1L << 30);
        one.add(t, 0);
        return one.bytes();
    }

    @Test
    void shouldKeepAFullTickWithItsBookInAFractionOfWhatItsObjectsHold() {
        // The Tick, its Depth and six arrays hold about 600 bytes (jmap -histo:live under load).
        assertThat(retained(tick(1, 1, true))).isBetween(100L, 250L);
        assertThat(retained(tick(1, 1, false))).isLessThan(retained(tick(1, 1, true)));
    }

    @Test
    void shouldGiveBackEveryFieldExactly() {
        Tick full = tick(7, 3, true);
        ResumeBuffer buffer = new ResumeBuffer(MINUTE, 1L << 30);
        buffer.add(full, 0);
        assertThat(buffer.since(2, Set.of(7L))).containsExactly(full);
    }

    @Test
    void shouldEvictTheOldestWhenTheMemoryBoundIsReachedAndAnswerAGapForThem() {
        long each = retained(tick(1, 1, true));
        ResumeBuffer buffer = new ResumeBuffer(5 * MINUTE, 3 * each);
        for (long seq = 1; seq <= 5; seq++) {
            buffer.add(tick(1, seq, true), 1_000);
        }

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.bytes()).isEqualTo(3 * each);
        assertThat(buffer.oldest()).isEqualTo(3);
        assertThat(buffer.since(1, Set.of(1L))).as("ticks 2 is gone: a gap").isNull();
        assertThat(buffer.since(2, Set.of(1L))).extracting(Tick::ingestSequence).containsExactly(3L, 4L, 5L);
        assertThat(buffer.since(4, Set.of(1L))).extracting(Tick::ingestSequence).containsExactly(5L);
    }

    @Test
    void shouldCountSmallTicksAsSmallSoMoreOfThemFit() {
        long full = retained(tick(1, 1, true));
        long small = retained(tick(1, 1, false));
        int fit = (int) (4 * full / small);
        assertThat(fit).isGreaterThan(4);
        ResumeBuffer buffer = new ResumeBuffer(5 * MINUTE, 4 * full);
        for (long seq = 1; seq <= fit; seq++) {
            buffer.add(tick(1, seq, false), 1_000);
        }
        assertThat(buffer.size()).isEqualTo(fit);
        buffer.add(tick(1, fit + 1, true), 1_000);
        assertThat(buffer.bytes()).isLessThanOrEqualTo(4 * full);
        assertThat(buffer.since(0, Set.of(1L))).as("the first went to make room: a gap").isNull();
    }

    @Test
    void shouldStillEvictByTheWindowAndKeepTheBytesInStep() {
        ResumeBuffer buffer = new ResumeBuffer(MINUTE, 1L << 30);
        buffer.add(tick(1, 1, true), 0);
        buffer.add(tick(2, 2, false), 30_000);
        buffer.add(tick(1, 3, true), 61_000);

        assertThat(buffer.oldest()).isEqualTo(2);
        assertThat(buffer.bytes()).isEqualTo(retained(tick(2, 2, false)) + retained(tick(1, 3, true)));
        List<Tick> since = buffer.since(1, Set.of(1L));
        assertThat(since).extracting(Tick::ingestSequence).containsExactly(3L);
    }

    @Test
    void shouldRefuseABoundThatHoldsNothing() {
        assertThatThrownBy(() -> new ResumeBuffer(MINUTE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
