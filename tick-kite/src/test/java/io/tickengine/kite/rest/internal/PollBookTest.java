package io.tickengine.kite.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.TickMode;
import io.tickengine.kite.rest.PollTier;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Batches by mode up to the per-request maximum, hot before cold, each tier at its own interval. */
class PollBookTest {
    final PollBook book = new PollBook();

    static List<Long> tokens(long from, long to) {
        return LongStream.rangeClosed(from, to).map(i -> i << 8 | 1).boxed().toList();
    }

    static int max(TickMode mode) {
        return mode == TickMode.FULL ? 500 : 1000;
    }

    @Test
    void shouldFillBatchesUpToTheLimitOfTheirMode() {
        book.subscribe(tokens(1, 1200), TickMode.FULL, PollTier.HOT, 0);
        book.subscribe(tokens(2001, 3500), TickMode.LTP, PollTier.COLD, 0);

        PollBook.Batch first = book.next(0, PollBookTest::max);
        assertThat(first.mode()).isEqualTo(TickMode.FULL);
        assertThat(first.tokens()).hasSize(500);
        book.polled(first, 0, tier -> 1000);
        PollBook.Batch second = book.next(0, PollBookTest::max);
        assertThat(second.tokens()).hasSize(500).doesNotContainAnyElementsOf(first.tokens());
        book.polled(second, 0, tier -> 1000);
        assertThat(book.next(0, PollBookTest::max).tokens()).hasSize(200);
        book.polled(book.next(0, PollBookTest::max), 0, tier -> 1000);
        PollBook.Batch ltp = book.next(0, PollBookTest::max);
        assertThat(ltp.mode()).isEqualTo(TickMode.LTP);
        assertThat(ltp.tokens()).hasSize(1000);
    }

    @Test
    void shouldPollHotOnesAgainBeforeColdOnesAreDue() {
        book.subscribe(tokens(1, 2), TickMode.QUOTE, PollTier.HOT, 0);
        book.subscribe(tokens(3, 4), TickMode.QUOTE, PollTier.COLD, 0);
        PollBook.Batch all = book.next(0, PollBookTest::max);
        assertThat(all.tokens()).containsExactlyElementsOf(tokens(1, 4));
        book.polled(all, 0, tier -> tier == PollTier.HOT ? 100 : 1000);

        assertThat(book.next(99, PollBookTest::max)).isNull();
        assertThat(book.nextDueNanos(50)).isEqualTo(100);
        assertThat(book.next(100, PollBookTest::max).tokens()).containsExactlyElementsOf(tokens(1, 2));
        assertThat(book.next(1000, PollBookTest::max).tokens()).containsExactlyElementsOf(tokens(1, 4));
    }

    @Test
    void shouldMakeAModeChangeDueAtOnceAndForgetUnsubscribed() {
        book.subscribe(tokens(1, 2), TickMode.LTP, PollTier.COLD, 0);
        book.polled(book.next(0, PollBookTest::max), 0, tier -> 1000);

        book.subscribe(tokens(2, 2), TickMode.FULL, PollTier.COLD, 10);
        book.unsubscribe(tokens(1, 1));

        assertThat(book.next(10, PollBookTest::max)).isEqualTo(new PollBook.Batch(TickMode.FULL, tokens(2, 2)));
        assertThat(book.snapshot()).containsOnlyKeys(tokens(2, 2));
        assertThat(book.nextDueNanos(0)).isEqualTo(10);
        book.unsubscribe(tokens(2, 2));
        assertThat(book.nextDueNanos(0)).isEqualTo(Long.MAX_VALUE);
    }
}
