package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Tick;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.store.TimeRange;
import io.tickengine.core.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers commit when the batch is full or its oldest row has waited the flush interval, and not before. */
class BatchingTest {
    private static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Fixtures.T0);
    private SqliteStore store;

    @BeforeEach
    void openStore() {
        store = SqliteStore.open(SqliteStoreOptions.builder().path(dir.resolve("batch.db")).maxBatchRows(100)
                .flushInterval(Duration.ofMillis(200)).clock(clock).build());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldCommitWhenTheBatchIsFull() throws Exception {
        List<Tick> ticks = Fixtures.ticks(3, 150, 1);
        store.tickSink().onBatch(new ArrayList<>(ticks.subList(0, 99)));

        assertThat(store.ticks().ticks(ALL, 1_000)).isEmpty();

        store.tickSink().onBatch(new ArrayList<>(ticks.subList(99, 100)));
        assertThat(store.ticks().ticks(ALL, 1_000)).hasSize(100);

        store.tickSink().onBatch(new ArrayList<>(ticks.subList(100, 150)));
        assertThat(store.ticks().ticks(ALL, 1_000)).hasSize(100);
    }

    @Test
    void shouldCommitWhenTheOldestRowHasWaitedTheFlushInterval() throws Exception {
        store.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(2, 5, 1)));
        clock.advance(150);
        store.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(2, 5, 6)));

        store.tickSink().onTimer(clock.advance(49));
        assertThat(store.ticks().ticks(ALL, 1_000)).isEmpty();

        store.tickSink().onTimer(clock.advance(1));
        assertThat(store.ticks().ticks(ALL, 1_000)).hasSize(10);
    }

    @Test
    void shouldBatchCandlesTheSameWay() throws Exception {
        store.candleSink().onCandles(new ArrayList<>(Fixtures.candles(4, 99)));
        store.candleSink().onTimer(clock.advance(199));
        assertThat(store.candles().candles(100, CandleInterval.S1, ALL, 1_000)).isEmpty();

        store.candleSink().onTimer(clock.advance(1));
        assertThat(store.candles().candles(100, CandleInterval.S1, ALL, 1_000)).hasSize(25);
    }

    @Test
    void shouldCommitEverythingBufferedOnFlushAndClose() throws Exception {
        store.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(2, 10, 1)));
        store.candleSink().onCandles(new ArrayList<>(Fixtures.candles(2, 10)));
        store.tickSink().flush();
        assertThat(store.ticks().ticks(ALL, 1_000)).hasSize(10);

        store.close();

        try (SqliteStore reopened = SqliteStore.open(dir.resolve("batch.db"))) {
            assertThat(reopened.candles().candles(100, CandleInterval.S1, ALL, 1_000)).hasSize(5);
        }
    }

    @Test
    void shouldCheckpointTheWalIntoTheFileOnTheTimer() throws Exception {
        Path file = dir.resolve("batch.db");
        store.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(5, 500, 1)));
        store.tickSink().flush();
        long before = Files.size(file);

        store.tickSink().onTimer(clock.advance(999));
        assertThat(Files.size(file)).isEqualTo(before);

        store.tickSink().onTimer(clock.advance(1));
        assertThat(Files.size(file)).isGreaterThan(before);
    }

    @Test
    void shouldRefuseWritesAfterClose() {
        store.close();

        assertThatThrownBy(() -> store.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(1, 1, 1))))
                .isInstanceOf(SqliteStoreException.class).hasMessageContaining("closed");
    }
}
