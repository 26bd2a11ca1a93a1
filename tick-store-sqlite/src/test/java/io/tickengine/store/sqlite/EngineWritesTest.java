package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.store.TimeRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine drives both sinks on their own threads into one file at once (two writers, WAL and
 * busy timeout), while this thread queries; every tick and the latest candle revision arrive.
 */
class EngineWritesTest {
    private static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    @TempDir
    Path dir;

    @Test
    void shouldStoreEveryTickAndCandleFromTheEngineWhileQueriesRun() {
        int instruments = 20;
        int frames = 200;
        int perFrame = 50;
        PushTickSource source = PushTickSource.create("manual");
        try (SqliteStore store = SqliteStore.open(SqliteStoreOptions.builder().path(dir.resolve("engine.db"))
                .maxBatchRows(200).build())) {
            TickEngine engine = TickEngine.builder().source(source).sink(store.tickSink())
                    .candleProducer(PerTickCandles::new, SinkOptions.defaults())
                    .candleSink(store.candleSink()).build();
            engine.start();
            Map<Long, Long> lastTime = new HashMap<>();
            Map<Long, Long> lastPrice = new HashMap<>();
            Set<Long> bucketsOf2 = new HashSet<>();
            long sequence = 0;
            for (int f = 0; f < frames; f++) {
                Tick[] frame = new Tick[perFrame];
                for (int i = 0; i < perFrame; i++) {
                    sequence++;
                    long token = 1 + sequence % instruments;
                    long time = Fixtures.T0 + sequence * 7;
                    frame[i] = Tick.builder().instrumentToken(token).exchange(Exchange.NSE).mode(TickMode.QUOTE)
                            .priceScale(2).lastPrice(10_000 + sequence).volume(sequence).exchangeTimestamp(time)
                            .receiveTimestamp(time + 5).build();
                    lastTime.put(token, time);
                    lastPrice.put(token, 10_000 + sequence);
                    if (token == 2) {
                        bucketsOf2.add(CandleInterval.S1.bucketStart(time));
                    }
                }
                source.publishAll(List.of(frame));
            }

            // Visible while the engine runs, through the writers' time-based commits.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.ticks().lastTickTime(1).orElse(0) == lastTime.get(1L));
            assertThat(engine.stop(Duration.ofSeconds(30))).isTrue();

            List<Tick> stored = store.ticks().ticks(ALL, 100_000);
            assertThat(stored).hasSize(frames * perFrame);
            assertThat(stored).extracting(Tick::ingestSequence).doesNotHaveDuplicates().allMatch(s -> s > 0);
            List<Candle> candles = store.candles().candles(2, CandleInterval.S1, ALL, 100_000);
            assertThat(candles).hasSize(bucketsOf2.size());
            assertThat(candles.get(candles.size() - 1).close()).isEqualTo(lastPrice.get(2L));
            assertThat(engine.stats().tickSinks()).allSatisfy(s -> assertThat(s.dropped()).isZero());
            assertThat(engine.stats().candleSinks()).allSatisfy(s -> assertThat(s.dropped()).isZero());
        }
    }

    /** Emits a one-second candle per tick, revised by each later tick of the same bucket. */
    private static final class PerTickCandles implements TickSink {
        private final Consumer<Candle> out;

        PerTickCandles(Consumer<Candle> out) {
            this.out = out;
        }

        @Override
        public void onBatch(List<Tick> batch) {
            for (Tick t : batch) {
                long p = t.lastPrice();
                out.accept(new Candle(t.instrumentToken(), t.exchange(), CandleInterval.S1,
                        CandleInterval.S1.bucketStart(t.eventTime()), 2, p, p, p, p, 1, 1, (int) t.ingestSequence()));
            }
        }
    }
}
