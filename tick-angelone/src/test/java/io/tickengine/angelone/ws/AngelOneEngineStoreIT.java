package io.tickengine.angelone.ws;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.angelone.parse.AngelOneTokens;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.AggregatorOptions;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.engine.TickIssue;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core engine, candle aggregator and SQLite store work unchanged on Angel One ticks; Depth-20 ticks
 * (order book only) pass validation, make no candles and are stored as they came.
 */
class AngelOneEngineStoreIT extends SourceFixture {
    static final long SBIN = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "3045");
    static final long NIFTY_FUT = AngelOneTokens.syntheticId(ExchangeType.NSE_FO, "35003");
    static final long INFY = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "1594");
    static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    final List<Tick> delivered = new ArrayList<>();
    final Map<String, Candle> emitted = new TreeMap<>();

    @Test
    void shouldAggregateAndStoreAngelOneTicksExactly(@TempDir Path dir) {
        simulator(b -> b.tickInterval(Duration.ofMillis(50)));
        source = AngelOneTickSource.create(options().build());
        source.subscribe(List.of(SBIN), TickMode.FULL);
        source.subscribe(List.of(NIFTY_FUT), TickMode.QUOTE);
        source.subscribe(List.of(INFY), TickMode.DEPTH);
        try (SqliteStore store = SqliteStore.open(dir.resolve("angelone.db"))) {
            TickEngine engine = TickEngine.builder().source(source).sink(store.tickSink()).sink(recordTicks())
                    .candles(AggregatorOptions.builder().intervals(CandleInterval.S1).gracePeriod(Duration.ofMillis(200)).build())
                    .candleSink(store.candleSink()).candleSink(recordCandles()).build();
            engine.start();
            await("candles of both instruments").atMost(Duration.ofSeconds(20)).until(() -> candlesOf(SBIN) >= 2
                    && candlesOf(NIFTY_FUT) >= 2 && deliveredOf(INFY) >= 2);
            assertThat(engine.stop(Duration.ofSeconds(20))).isTrue();
            assertThat(engine.stats().issues().get(TickIssue.ZERO_PRICE)).isZero();
            assertThat(candlesOf(INFY)).isZero();

            List<Tick> ticks;
            synchronized (delivered) {
                ticks = List.copyOf(delivered);
            }
            List<Tick> stored = store.ticks().ticks(ALL, 1_000_000);
            assertThat(stored).hasSize(ticks.size());
            assertThat(stored).containsExactlyInAnyOrderElementsOf(ticks);
            assertThat(stored).filteredOn(t -> t.instrumentToken() == SBIN).allSatisfy(t -> {
                assertThat(t.depth().bidLevels()).isEqualTo(5);
                assertThat(t.feedSequence()).isPositive();
                assertThat(t.upperCircuit()).isPositive();
            });
            assertThat(stored).filteredOn(t -> t.instrumentToken() == INFY).isNotEmpty().allSatisfy(t -> {
                assertThat(t.mode()).isEqualTo(TickMode.DEPTH);
                assertThat(t.lastPrice()).isZero();
                assertThat(t.depth().bidLevels()).isEqualTo(20);
            });
            for (long token : List.of(SBIN, NIFTY_FUT)) {
                List<Candle> candles = store.candles().candles(token, CandleInterval.S1, ALL, 10_000);
                List<Candle> expected;
                synchronized (emitted) {
                    expected = emitted.values().stream().filter(c -> c.instrumentToken() == token)
                            .sorted(Comparator.comparingLong(Candle::bucketStart)).collect(Collectors.toList());
                }
                assertThat(candles).isEqualTo(expected).isNotEmpty();
                for (Candle c : candles) {
                    List<Long> prices = ticks.stream().filter(t -> t.instrumentToken() == token
                            && CandleInterval.S1.bucketStart(t.eventTime()) == c.bucketStart())
                            .sorted(Comparator.comparingLong(Tick::eventTime).thenComparingLong(Tick::ingestSequence))
                            .map(Tick::lastPrice).collect(Collectors.toList());
                    assertThat(List.of(c.open(), c.high(), c.low(), c.close(), (long) c.tickCount())).as("candle %s", c)
                            .containsExactly(prices.get(0), prices.stream().max(Long::compare).orElseThrow(),
                                    prices.stream().min(Long::compare).orElseThrow(), prices.get(prices.size() - 1),
                                    (long) prices.size());
                }
            }
        }
    }

    private int deliveredOf(long token) {
        synchronized (delivered) {
            return (int) delivered.stream().filter(t -> t.instrumentToken() == token).count();
        }
    }

    private int candlesOf(long token) {
        synchronized (emitted) {
            return (int) emitted.values().stream().filter(c -> c.instrumentToken() == token).count();
        }
    }

    private TickSink recordTicks() {
        return batch -> {
            synchronized (delivered) {
                delivered.addAll(batch);
            }
        };
    }

    private CandleSink recordCandles() {
        return batch -> {
            synchronized (emitted) {
                for (Candle c : batch) {
                    emitted.merge(c.instrumentToken() + "/" + c.bucketStart(), c, (a, b) -> b.revision() >= a.revision() ? b : a);
                }
            }
        };
    }
}
