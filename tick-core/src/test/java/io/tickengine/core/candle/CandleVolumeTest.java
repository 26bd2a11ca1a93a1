package io.tickengine.core.candle;

import static io.tickengine.core.candle.CandleFixture.T0;
import static io.tickengine.core.candle.CandleFixture.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tickengine.core.time.MarketTime;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CandleVolumeTest {
    private final CandleFixture f = new CandleFixture();

    /** Sends each tick in its own one-second bucket and returns the volume of each candle. */
    private long[] volumesOf(long... cumulativeVolumes) {
        for (int i = 0; i < cumulativeVolumes.length; i++) {
            long t = T0 + i * 1000L;
            f.send(t, tick(t, 100, cumulativeVolumes[i]));
        }
        f.aggregator.flush();
        return f.drain().stream().mapToLong(Candle::volume).toArray();
    }

    @Test
    void shouldNotAttributeVolumeTradedBeforeFirstTick() {
        assertThat(volumesOf(1_000_000, 1_000_250)).containsExactly(0, 250);
    }

    @Test
    void shouldSumGrowthOfCumulativeVolumeWithinBucket() {
        f.send(T0, tick(T0, 100, 500), tick(T0 + 100, 100, 530), tick(T0 + 900, 100, 600));
        f.send(T0 + 1000, tick(T0 + 1000, 100, 610));

        assertThat(f.drain()).extracting(Candle::volume).containsExactly(100L);
    }

    @Test
    void shouldIgnoreOutOfOrderSmallerCumulativeVolume() {
        assertThat(volumesOf(100, 150, 120, 150, 170)).containsExactly(0, 50, 0, 0, 20);
    }

    @Test
    void shouldAddNothingForTicksWithoutVolume() {
        assertThat(volumesOf(0, 100, 0, 130)).containsExactly(0, 0, 0, 30);
    }

    @Test
    void shouldResetAtIstDateBoundaryNotUtc() {
        long beforeMidnight = MarketTime.at(LocalDate.of(2024, 3, 4), LocalTime.of(23, 59, 59));
        long afterMidnight = beforeMidnight + 1000;
        CandleFixture g = new CandleFixture(AggregatorOptions.create(), beforeMidnight);

        g.send(beforeMidnight, tick(beforeMidnight, 100, 5_000), tick(beforeMidnight + 500, 100, 5_400));
        g.send(afterMidnight, tick(afterMidnight, 100, 30), tick(afterMidnight + 1, 100, 45));
        g.aggregator.flush();

        assertThat(MarketTime.tradingDate(afterMidnight)).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(afterMidnight % 86_400_000L).isNotZero();
        assertThat(g.drain()).extracting(Candle::volume).containsExactly(400L, 45L);
    }

    @Test
    void shouldIgnoreTickOfEarlierDayAfterReset() {
        long midnight = MarketTime.at(LocalDate.of(2024, 3, 5), LocalTime.MIDNIGHT);
        CandleFixture g = new CandleFixture(AggregatorOptions.create(), midnight - 500);

        g.send(midnight - 500, tick(midnight - 500, 100, 5_000));
        g.send(midnight + 100, tick(midnight + 100, 100, 20), tick(midnight - 200, 100, 6_000),
                tick(midnight + 200, 100, 50));
        g.aggregator.flush();

        assertThat(g.drain()).extracting(Candle::bucketStart, Candle::volume, Candle::revision).containsExactly(
                tuple(midnight - 1000, 0L, 0),
                tuple(midnight - 1000, 0L, 1),
                tuple(midnight, 50L, 0));
    }

    @Test
    void shouldAdvanceVolumeStateWhenTickIsDropped() {
        f.send(T0, tick(T0, 100, 1_000), tick(T0 + 1000, 100, 1_100));
        f.send(T0 + 2500, tick(T0 + 500, 100, 1_200), tick(T0 + 1500, 100, 1_250));
        f.aggregator.flush();

        assertThat(f.drain()).extracting(Candle::volume).containsExactly(0L, 150L);
        assertThat(f.aggregator.lateTicksDropped()).isEqualTo(1);
    }

    @Test
    void shouldAddSameDeltaToEveryInterval() {
        CandleFixture g = new CandleFixture(AggregatorOptions.builder()
                .intervals(CandleInterval.S1, CandleInterval.M1, CandleInterval.DAY_IST).build());
        g.send(T0, tick(T0, 100, 10), tick(T0 + 1000, 100, 25), tick(T0 + 2000, 100, 40));
        g.aggregator.flush();

        assertThat(g.drain()).extracting(Candle::interval, Candle::volume).containsExactly(
                tuple(CandleInterval.S1, 0L),
                tuple(CandleInterval.S1, 15L),
                tuple(CandleInterval.S1, 15L),
                tuple(CandleInterval.M1, 30L),
                tuple(CandleInterval.DAY_IST, 30L));
    }
}
