package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.store.TimeRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One batch holding many candles, repeats of a candle and several intervals keeps the highest revision of each. */
class CandleUpsertTest {
    private static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheHighestRevisionOfEachCandleWithinOneBatchAndOnReplay() throws Exception {
        List<Candle> batch = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            batch.add(Fixtures.candle(100, CandleInterval.S1, Fixtures.T0 + i * 1_000L, 10_000 + i, 0));
        }
        batch.set(70, Fixtures.candle(100, CandleInterval.S1, Fixtures.T0 + 10_000L, 77_777, 1)); // revises second 10
        batch.set(20, Fixtures.candle(100, CandleInterval.S1, Fixtures.T0 + 20_000L, 88_888, 2));
        batch.set(80, Fixtures.candle(100, CandleInterval.S1, Fixtures.T0 + 20_000L, 99_999, 1)); // stale for second 20
        batch.set(140, Fixtures.candle(100, CandleInterval.S1, Fixtures.T0 + 30_000L, 66_666, 3)); // revises second 30
        batch.add(Fixtures.candle(100, CandleInterval.M1, Fixtures.T0, 12_345, 0));
        batch.add(Fixtures.candle(100, CandleInterval.S1, Fixtures.T0 + 500_000L, 5_000, 0));

        try (SqliteStore store = SqliteStore.open(SqliteStoreOptions.builder().path(dir.resolve("upsert.db")).build())) {
            store.candleSink().onCandles(batch);
            store.candleSink().flush();
            store.candleSink().onCandles(new ArrayList<>(batch)); // a replay changes nothing
            store.candleSink().flush();

            List<Candle> stored = store.candles().candles(100, CandleInterval.S1, ALL, 1_000);
            assertThat(stored).hasSize(148); // 150 slots less three that repeat another second, plus second 500
            assertThat(stored).extracting(Candle::bucketStart).isSorted().doesNotHaveDuplicates();
            assertThat(closeAt(stored, 10)).isEqualTo(77_777);
            assertThat(closeAt(stored, 20)).isEqualTo(88_888);
            assertThat(closeAt(stored, 30)).isEqualTo(66_666);
            assertThat(closeAt(stored, 149)).isEqualTo(10_149);
            assertThat(closeAt(stored, 500)).isEqualTo(5_000);
            assertThat(store.candles().candles(100, CandleInterval.M1, ALL, 10)).singleElement()
                    .extracting(Candle::close).isEqualTo(12_345L);
        }
    }

    private static long closeAt(List<Candle> candles, int second) {
        return candles.stream().filter(k -> k.bucketStart() == Fixtures.T0 + second * 1_000L).findFirst()
                .orElseThrow().close();
    }
}
