package io.tickengine.core.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.CandleOracle.Bucket;
import io.tickengine.core.candle.CandleOracle.Key;
import io.tickengine.core.time.ManualClock;
import io.tickengine.core.time.MarketTime;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random tick streams (late, out-of-order, duplicate and stale ticks, daily volume resets, clock jumps)
 * against a brute-force oracle that recomputes every bucket from the raw stream by the documented rules.
 */
class CandleAggregatorOracleTest {
    private static final int SEEDS = 150;
    private static final long[] GRACE_MILLIS = {0, 300, 1000, 2500, 7000};
    private static final long[] MAX_GAP_FILL_MILLIS = {0, 3000, 20_000, 300_000};

    static Stream<List<CandleInterval>> intervalSets() {
        return Stream.of(
                List.of(CandleInterval.S1),
                List.of(CandleInterval.S1, CandleInterval.S5, CandleInterval.M1),
                List.of(CandleInterval.S5, CandleInterval.M15, CandleInterval.H1, CandleInterval.DAY_IST),
                List.of(CandleInterval.S1, CandleInterval.S5, CandleInterval.M1, CandleInterval.M5, CandleInterval.M15,
                        CandleInterval.H1, CandleInterval.DAY_IST));
    }

    @ParameterizedTest
    @MethodSource("intervalSets")
    void shouldMatchBruteForceOracleOnRandomStreams(List<CandleInterval> intervals) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                runScenario(seed, intervals);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", intervals " + intervals + ": " + e.getMessage(), e);
            }
        }
    }

    private static void runScenario(long seed, List<CandleInterval> intervals) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + intervals.size());
        long grace = GRACE_MILLIS[r.nextInt(GRACE_MILLIS.length)];
        AggregatorOptions options = AggregatorOptions.builder().intervals(intervals)
                .gracePeriod(Duration.ofMillis(grace)).fillGaps(r.nextBoolean())
                .maxGapFill(Duration.ofMillis(MAX_GAP_FILL_MILLIS[r.nextInt(MAX_GAP_FILL_MILLIS.length)])).build();
        LocalTime startTime = r.nextInt(3) == 0 ? LocalTime.of(23, 50) : LocalTime.of(9, 15);
        ManualClock clock = new ManualClock(MarketTime.at(LocalDate.of(2024, 3, 4), startTime) + r.nextLong(600_000));
        List<Candle> emitted = new ArrayList<>();
        CandleAggregator aggregator = CandleAggregator.create(options, clock, emitted::add);

        int instruments = 1 + r.nextInt(5);
        long[] price = new long[instruments];
        long[] cumulative = new long[instruments];
        long[] day = new long[instruments];
        for (int i = 0; i < instruments; i++) {
            price[i] = 1_000 + r.nextInt(100_000);
            cumulative[i] = r.nextInt(3) == 0 ? 0 : r.nextLong(1_000_000);
            day[i] = MarketTime.tradingEpochDay(clock.millis());
        }
        CandleOracle oracle = new CandleOracle(intervals, grace);
        EmittedView view = new EmittedView(emitted);
        List<Tick> sent = new ArrayList<>();
        long arrived = Long.MIN_VALUE;
        int batches = 50 + r.nextInt(300);
        for (int b = 0; b < batches; b++) {
            clock.advance(clockStep(r));
            long now = clock.millis();
            arrived = Math.max(arrived, now - CandleAggregator.MAX_ARRIVAL_LAG_MILLIS);
            List<Tick> batch = new ArrayList<>();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                Tick tick;
                if (!sent.isEmpty() && r.nextInt(100) < 5) {
                    tick = sent.get(r.nextInt(sent.size()));
                } else {
                    int i = r.nextInt(instruments);
                    long eventTime = now - lag(r);
                    price[i] = Math.max(1, price[i] + r.nextInt(-50, 51));
                    long volume = 0;
                    if (i != 0 || instruments == 1) {
                        long tickDay = MarketTime.tradingEpochDay(eventTime);
                        if (tickDay > day[i]) {
                            day[i] = tickDay;
                            cumulative[i] = r.nextInt(500);
                        }
                        cumulative[i] += r.nextInt(1_000);
                        int shape = r.nextInt(100);
                        volume = shape < 5 ? 0 : shape < 15 ? Math.max(1, cumulative[i] - r.nextInt(2_000)) : cumulative[i];
                    }
                    boolean exchangeTime = r.nextInt(5) != 0;
                    tick = Tick.builder().instrumentToken(1_000 + 7L * i).exchange(Exchange.NFO).mode(TickMode.FULL)
                            .priceScale(2).lastPrice(price[i]).volume(volume)
                            .exchangeTimestamp(exchangeTime ? eventTime : 0)
                            .receiveTimestamp(exchangeTime ? eventTime + r.nextInt(500) : eventTime).build();
                }
                batch.add(tick);
                sent.add(tick);
                long received = tick.receiveTimestamp();
                arrived = Math.max(arrived, received > 0 && received < now ? received : now);
                oracle.accept(tick, arrived);
            }
            aggregator.onBatch(batch);
            view.sync(oracle);
            if (r.nextInt(100) < 60) {
                long timer = clock.advance(r.nextInt(50));
                arrived = Math.max(arrived, timer);
                aggregator.onTimer(timer);
                view.sync(oracle);
                view.assertTimerDone(oracle, timer, options);
            }
        }
        aggregator.flush();

        assertMatches(emitted, oracle.buckets, options);
        assertThat(aggregator.lateTicksDropped()).as("late ticks dropped").isEqualTo(oracle.dropped);
        assertThat(aggregator.ticksProcessed()).isEqualTo(sent.size());
        assertThat(aggregator.candlesEmitted()).isEqualTo(emitted.size());
        assertThat(aggregator.openCandles()).isZero();
    }

    private record Series(long token, CandleInterval interval) {
    }

    private static long clockStep(SplittableRandom r) {
        int p = r.nextInt(100);
        return p < 85 ? r.nextInt(400) : p < 97 ? r.nextInt(5_000) : r.nextInt(120_000);
    }

    /** How far behind the clock a tick's event time is; negative for a clock that runs behind the exchange. */
    private static long lag(SplittableRandom r) {
        int p = r.nextInt(100);
        return p < 75 ? r.nextInt(300) : p < 87 ? r.nextInt(300, 3_000) : p < 95 ? r.nextInt(3_000, 20_000) : -r.nextInt(500);
    }

    /** What has been emitted so far: which buckets, and the newest bucket per instrument and interval. */
    private static final class EmittedView {
        private final List<Candle> emitted;
        private final Map<Series, Long> newest = new HashMap<>();
        private int seen;

        EmittedView(List<Candle> emitted) {
            this.emitted = emitted;
        }

        void sync(CandleOracle oracle) {
            for (; seen < emitted.size(); seen++) {
                Candle c = emitted.get(seen);
                oracle.pending.remove(new Key(c.instrumentToken(), c.interval(), c.bucketStart()));
                newest.merge(new Series(c.instrumentToken(), c.interval()), c.bucketStart(), Math::max);
            }
        }

        /** After the timer, only buckets not yet ended may be open, and no gap is left to fill. */
        void assertTimerDone(CandleOracle oracle, long now, AggregatorOptions options) {
            Set<Series> open = new HashSet<>();
            for (Key key : oracle.pending) {
                assertThat(key.start() + key.interval().millis()).as("end of open %s at %d", key, now).isGreaterThan(now);
                open.add(new Series(key.token(), key.interval()));
            }
            if (!options.fillGaps()) {
                return;
            }
            long maxGapFill = options.maxGapFill().toMillis();
            newest.forEach((series, top) -> {
                long next = top + series.interval().millis();
                boolean fillDue = next + series.interval().millis() <= now
                        && next < oracle.lastEventTime.get(series.token()) + maxGapFill;
                assertThat(fillDue && !open.contains(series)).as("gap after %s %d at %d", series, top, now).isFalse();
            });
        }
    }

    private static void assertMatches(List<Candle> emitted, Map<Key, Bucket> oracle, AggregatorOptions options) {
        Map<Key, Candle> last = new HashMap<>();
        for (Candle c : emitted) {
            Key key = new Key(c.instrumentToken(), c.interval(), c.bucketStart());
            Candle previous = last.put(key, c);
            int expectedRevision = previous == null ? 0 : previous.revision() + 1;
            assertThat(c.revision()).as("revision of %s after %s", c, previous).isEqualTo(expectedRevision);
        }
        oracle.forEach((key, b) -> {
            Candle c = last.get(key);
            assertThat(c).as("candle for %s", key).isNotNull();
            assertThat(new long[] {c.open(), c.high(), c.low(), c.close(), c.volume(), c.tickCount(), c.priceScale()})
                    .as("open, high, low, close, volume, ticks, scale of %s", c)
                    .containsExactly(b.open, b.high, b.low, b.close, b.volume, b.ticks, 2);
            assertThat(c.exchange()).isEqualTo(Exchange.NFO);
        });
        Map<Long, TreeMap<Long, Bucket>> real = new HashMap<>();
        oracle.forEach((key, b) -> real.computeIfAbsent(key.token() * 1_000_003L + key.interval().seconds(),
                k -> new TreeMap<>()).put(key.start(), b));
        last.forEach((key, c) -> {
            if (c.tickCount() > 0) {
                assertThat(oracle).as("ticks the oracle dropped went into %s", c).containsKey(key);
                return;
            }
            assertThat(options.fillGaps()).as("empty candle %s without gap filling", c).isTrue();
            assertThat(oracle).as("empty candle %s for a bucket with ticks", c).doesNotContainKey(key);
            Map.Entry<Long, Bucket> before = real.get(key.token() * 1_000_003L + key.interval().seconds())
                    .lowerEntry(key.start());
            assertThat(before).as("real candle before empty %s", c).isNotNull();
            assertThat(new long[] {c.open(), c.high(), c.low(), c.close(), c.volume()}).as("empty %s", c)
                    .containsExactly(before.getValue().close, before.getValue().close, before.getValue().close,
                            before.getValue().close, 0);
        });
    }
}
