package io.tickengine.server.ws;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.codec.TickCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumeBufferTest {
    static final long MINUTE = 60_000;

    /** What a client resuming after {@code sequence} gets of these instruments; null for a gap. */
    static List<Tick> since(ResumeBuffer buffer, long sequence, Set<Long> tokens) {
        long from = buffer.positionAfter(sequence);
        if (from < 0) {
            return null;
        }
        List<Tick> out = new ArrayList<>();
        long next = buffer.read(from, Long.MAX_VALUE, tokens.stream().mapToLong(Long::longValue).sorted().toArray(),
                Integer.MAX_VALUE, Integer.MAX_VALUE, out);
        assertThat(next).isNotNegative();
        return out;
    }

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

    /** What the buffer counts for a kept tick besides the chunk it is in: its encoding and index entry. */
    static long perTick(Tick t) {
        return TickCodec.encode(t).length + ResumeBuffer.INDEX_BYTES;
    }

    static long perTicks(long fromSequence, long toSequence, boolean withBook) {
        return LongStream.rangeClosed(fromSequence, toSequence).map(s -> perTick(tick(1, s, withBook))).sum();
    }

    @Test
    void shouldKeepAFullTickWithItsBookInAFractionOfWhatItsObjectsHold() {
        ResumeBuffer one = new ResumeBuffer(MINUTE, 1L << 30);
        one.add(tick(1, 1, true), 0);
        assertThat(one.bytes()).isEqualTo(ResumeBuffer.CHUNK_OVERHEAD + perTick(tick(1, 1, true)));
        // The Tick, its Depth and six arrays hold about 620 bytes (jmap -histo:live under load).
        assertThat(perTick(tick(1, 1, true))).isBetween(60L, 200L);
        assertThat(perTick(tick(1, 1, false))).isLessThan(perTick(tick(1, 1, true)));
    }

    @Test
    void shouldGiveBackEveryFieldExactly() {
        Tick full = tick(7, 3, true);
        ResumeBuffer buffer = new ResumeBuffer(MINUTE, 1L << 30);
        buffer.add(full, 0);
        assertThat(since(buffer, 2, Set.of(7L))).containsExactly(full);
    }

    @Test
    void shouldEvictTheOldestWhenTheMemoryBoundIsReachedAndAnswerAGapForThem() {
        long each = perTick(tick(1, 1, true));
        ResumeBuffer buffer = new ResumeBuffer(5 * MINUTE, ResumeBuffer.CHUNK_OVERHEAD + 3 * each);
        for (long seq = 1; seq <= 5; seq++) {
            buffer.add(tick(1, seq, true), 1_000);
        }

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.bytes()).isEqualTo(ResumeBuffer.CHUNK_OVERHEAD + 3 * each);
        assertThat(buffer.oldest()).isEqualTo(3);
        assertThat(since(buffer, 1, Set.of(1L))).as("ticks 2 is gone: a gap").isNull();
        assertThat(since(buffer, 2, Set.of(1L))).extracting(Tick::ingestSequence).containsExactly(3L, 4L, 5L);
        assertThat(since(buffer, 4, Set.of(1L))).extracting(Tick::ingestSequence).containsExactly(5L);
    }

    @Test
    void shouldCountSmallTicksAsSmallSoMoreOfThemFit() {
        long full = perTick(tick(1, 1, true));
        long small = perTick(tick(1, 1, false));
        int fit = (int) (4 * full / small);
        assertThat(fit).isGreaterThan(4);
        ResumeBuffer buffer = new ResumeBuffer(5 * MINUTE, ResumeBuffer.CHUNK_OVERHEAD + 4 * full);
        for (long seq = 1; seq <= fit; seq++) {
            buffer.add(tick(1, seq, false), 1_000);
        }
        assertThat(buffer.size()).isEqualTo(fit);
        buffer.add(tick(1, fit + 1, true), 1_000);
        assertThat(buffer.bytes()).isLessThanOrEqualTo(ResumeBuffer.CHUNK_OVERHEAD + 4 * full);
        assertThat(since(buffer, 0, Set.of(1L))).as("the first went to make room: a gap").isNull();
    }

    @Test
    void shouldStillEvictByTheWindowAndKeepTheBytesInStep() {
        ResumeBuffer buffer = new ResumeBuffer(MINUTE, 1L << 30);
        buffer.add(tick(1, 1, true), 0);
        buffer.add(tick(2, 2, false), 30_000);
        buffer.add(tick(1, 3, true), 61_000);

        assertThat(buffer.oldest()).isEqualTo(2);
        assertThat(buffer.bytes()).isEqualTo(ResumeBuffer.CHUNK_OVERHEAD + perTick(tick(2, 2, false))
                + perTick(tick(1, 3, true)));
        List<Tick> since = since(buffer, 1, Set.of(1L));
        assertThat(since).extracting(Tick::ingestSequence).containsExactly(3L);
    }

    @Test
    void shouldSpanChunksAndDropEachOnceItsLastTickLeaves() {
        int n = 3 * ResumeBuffer.CHUNK_TICKS + 17;
        ResumeBuffer buffer = new ResumeBuffer(MINUTE, 1L << 30);
        for (long seq = 1; seq <= n; seq++) {
            buffer.add(tick(seq % 3, seq, false), seq);
        }
        assertThat(buffer.size()).isEqualTo(n);
        assertThat(buffer.bytes()).as("four chunks").isEqualTo(4 * ResumeBuffer.CHUNK_OVERHEAD + perTicks(1, n, false));
        assertThat(since(buffer, 0, Set.of(1L))).extracting(Tick::ingestSequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n).filter(s -> s % 3 == 1).boxed().toList());

        // The window moves past the first chunk and a half: that chunk goes, the second is half kept.
        long cut = ResumeBuffer.CHUNK_TICKS + ResumeBuffer.CHUNK_TICKS / 2;
        buffer.add(tick(1, n + 1, false), cut + MINUTE + 1);
        assertThat(buffer.oldest()).isEqualTo(cut + 1);
        assertThat(buffer.size()).isEqualTo(n + 1 - cut);
        assertThat(buffer.bytes()).isEqualTo(3 * ResumeBuffer.CHUNK_OVERHEAD + perTicks(cut + 1, n + 1, false));
        assertThat(since(buffer, cut - 1, Set.of(0L, 1L, 2L))).as("a gap").isNull();
        assertThat(since(buffer, cut, Set.of(0L, 1L, 2L))).extracting(Tick::ingestSequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(cut + 1, n + 1).boxed().toList());
    }

    @Test
    void shouldStartAgainAfterEverythingLeftTheWindow() {
        ResumeBuffer buffer = new ResumeBuffer(MINUTE, 1L << 30);
        for (long seq = 1; seq <= ResumeBuffer.CHUNK_TICKS; seq++) {
            buffer.add(tick(1, seq, false), 0);
        }
        buffer.add(tick(1, ResumeBuffer.CHUNK_TICKS + 1, false), 2 * MINUTE);
        buffer.add(tick(1, ResumeBuffer.CHUNK_TICKS + 2, false), 4 * MINUTE);
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.oldest()).isEqualTo(ResumeBuffer.CHUNK_TICKS + 2);
        assertThat(buffer.bytes()).isEqualTo(ResumeBuffer.CHUNK_OVERHEAD
                + perTick(tick(1, ResumeBuffer.CHUNK_TICKS + 2, false)));
        assertThat(since(buffer, ResumeBuffer.CHUNK_TICKS + 1, Set.of(1L))).hasSize(1);
        assertThat(since(buffer, ResumeBuffer.CHUNK_TICKS, Set.of(1L))).isNull();
    }

    @Test
    void shouldKeepATickLargerThanAChunkInAChunkOfItsOwn() {
        // No feed sends such a tick; a symbol this long is the one way to make one.
        Tick huge = Tick.builder().instrumentToken(9).exchange(Exchange.NSE).tradingSymbol("X".repeat(300_000))
                .mode(TickMode.LTP).priceScale(2).lastPrice(100_00).build().withIngestSequence(2);
        assertThat(TickCodec.encode(huge).length).isGreaterThan(ResumeBuffer.CHUNK_BYTES);
        ResumeBuffer buffer = new ResumeBuffer(MINUTE, 1L << 30);
        buffer.add(tick(9, 1, true), 0);
        buffer.add(huge, 0);
        buffer.add(tick(9, 3, true), 0);

        assertThat(since(buffer, 0, Set.of(9L))).containsExactly(tick(9, 1, true), huge, tick(9, 3, true));
        assertThat(buffer.bytes()).isEqualTo(3 * ResumeBuffer.CHUNK_OVERHEAD + perTick(tick(9, 1, true))
                + perTick(huge) + perTick(tick(9, 3, true)));
    }

    @Test
    void shouldNumberTicksInOrderAndReadRangesOfThemInBoundedSteps() {
        ResumeBuffer buffer = new ResumeBuffer(MINUTE, 1L << 30);
        for (long seq = 1; seq <= 10; seq++) {
            assertThat(buffer.add(tick(seq % 2, seq, false), 0)).isEqualTo(seq - 1);
        }
        // Instrument 1 has the odd sequences, at the even positions.
        List<Tick> out = new ArrayList<>();
        long next = buffer.read(0, 10, new long[] {1}, 2, 100, out);
        assertThat(next).as("stops after the second match").isEqualTo(3);
        next = buffer.read(next, 10, new long[] {1}, 100, 4, out);
        assertThat(next).as("stops after four positions").isEqualTo(7);
        next = buffer.read(next, 8, new long[] {1}, 100, 100, out);
        assertThat(next).as("stops at the end asked for").isEqualTo(8);
        assertThat(out).extracting(Tick::ingestSequence).containsExactly(1L, 3L, 5L, 7L);
        assertThat(buffer.read(10, 20, new long[] {0, 1}, 100, 100, out)).as("nothing added yet").isEqualTo(10);

        assertThat(buffer.at(new long[] {9, 0, -1, 10})).containsExactly(tick(0, 10, false), tick(1, 1, false), null, null);
        assertThat(buffer.positionAfter(4)).isEqualTo(4);
        assertThat(buffer.positionAfter(10)).isEqualTo(10);
    }

    @Test
    void shouldAnswerAGapForPositionsThatLeftTheWindow() {
        long each = perTick(tick(1, 1, false));
        ResumeBuffer buffer = new ResumeBuffer(5 * MINUTE, ResumeBuffer.CHUNK_OVERHEAD + 3 * each);
        for (long seq = 1; seq <= 5; seq++) {
            buffer.add(tick(1, seq, false), 1_000);
        }
        List<Tick> out = new ArrayList<>();
        assertThat(buffer.read(1, 5, new long[] {1}, 100, 100, out)).isEqualTo(-1);
        assertThat(out).isEmpty();
        assertThat(buffer.read(2, 5, new long[] {1}, 100, 100, out)).isEqualTo(5);
        assertThat(out).extracting(Tick::ingestSequence).containsExactly(3L, 4L, 5L);
        assertThat(buffer.at(new long[] {1, 2})).containsExactly(null, tick(1, 3, false));
        assertThat(buffer.positionAfter(1)).isEqualTo(-1);
        assertThat(buffer.positionAfter(2)).isEqualTo(2);
    }

    @Test
    void shouldRefuseABoundThatHoldsNothing() {
        assertThatThrownBy(() -> new ResumeBuffer(MINUTE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
