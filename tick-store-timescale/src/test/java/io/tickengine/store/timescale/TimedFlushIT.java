package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Tick;
import io.tickengine.core.time.MarketTime;
import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Writes happen on the sink's timer: every flush interval, at the row threshold, and at 16:00 IST on weekdays. */
class TimedFlushIT {
    /** Monday 2024-11-18. */
    private static final LocalDate MONDAY = LocalDate.of(2024, 11, 18);

    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    @BeforeEach
    void emptyTables() throws Exception {
        TimescaleStore.create(TestStores.options(db, spill).build()).close();
        TestStores.truncate(db);
    }

    @Test
    void shouldWriteWhenTheFlushIntervalHasPassedOnTheSinksTimer() throws Exception {
        try (TimescaleStore store = TimescaleStore.create(TestStores.options(db, spill)
                .flushInterval(Duration.ofSeconds(5)).endOfDayFlush(null).build())) {
            long t = MarketTime.at(MONDAY, LocalTime.of(10, 0));
            store.tickSink().onTimer(t);
            store.tickSink().onBatch(ticks(1, 10));
            store.tickSink().onTimer(t + 4_999);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> stored() == 0);

            store.tickSink().onTimer(t + 5_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> stored() == 10);
        }
    }

    @Test
    void shouldWriteAtTheRowThresholdWithoutWaitingForTheTimer() throws Exception {
        try (TimescaleStore store = TimescaleStore.create(TestStores.options(db, spill).flushRows(100)
                .flushInterval(Duration.ofHours(1)).build())) {
            store.tickSink().onBatch(ticks(1, 99));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> stored() == 0);

            store.tickSink().onBatch(ticks(100, 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> stored() == 100);
        }
    }

    @Test
    void shouldFlushAtTheEndOfTheTradingDay() throws Exception {
        try (TimescaleStore store = TimescaleStore.create(TestStores.options(db, spill)
                .flushInterval(Duration.ofHours(2)).build())) {
            long beforeClose = MarketTime.at(MONDAY, LocalTime.of(15, 30));
            store.tickSink().onTimer(beforeClose);
            store.tickSink().onBatch(ticks(1, 25));
            store.tickSink().onTimer(MarketTime.at(MONDAY, LocalTime.of(15, 59, 59, 999_000_000)));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> stored() == 0);

            store.candleSink().onTimer(MarketTime.at(MONDAY, LocalTime.of(16, 0)));
            await().atMost(Duration.ofSeconds(10)).until(() -> stored() == 25);
            assertThat(store.health().status()).isEqualTo(StoreHealth.Status.UP);
        }
    }

    private static long stored() throws Exception {
        return TestStores.count(db.jdbcUrl(), "SELECT count(*) FROM kite_ticks_data");
    }

    private static List<Tick> ticks(long from, int n) {
        return LongStream.range(from, from + n).mapToObj(TickProducer::tick).collect(Collectors.toList());
    }
}
