package io.tickengine.core.candle;

import static io.tickengine.core.candle.CandleFixture.T0;
import static io.tickengine.core.candle.CandleFixture.candle;
import static io.tickengine.core.candle.CandleFixture.empty;
import static io.tickengine.core.candle.CandleFixture.tick;
import static io.tickengine.core.candle.CandleInterval.S1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandleGapFillTest {
    private final CandleFixture f = new CandleFixture(AggregatorOptions.builder().fillGaps(true)
            .maxGapFill(Duration.ofSeconds(5)).build());

    @Test
    void shouldNotFillGapsByDefault() {
        CandleFixture g = new CandleFixture();
        g.send(T0, tick(T0, 10)).send(T0 + 3000, tick(T0 + 3000, 20)).timer(T0 + 6000);

        assertThat(g.drain()).extracting(Candle::bucketStart).containsExactly(T0, T0 + 3000);
    }

    @Test
    void shouldFillSkippedBucketsWhenLaterBucketArrives() {
        f.send(T0 + 200, tick(T0 + 200, 10), tick(T0 + 700, 12));
        f.send(T0 + 3100, tick(T0 + 3100, 20));

        assertThat(f.drain()).containsExactly(
                candle(S1, T0, 10, 12, 10, 12, 0, 2, 0),
                empty(S1, T0 + 1000, 12, 0),
                empty(S1, T0 + 2000, 12, 0));
    }

    @Test
    void shouldFillQuietInstrumentOnTimerUpToThePresent() {
        f.send(T0 + 200, tick(T0 + 200, 10));

        f.timer(T0 + 2999);
        assertThat(f.drain()).containsExactly(candle(S1, T0, 10, 10, 10, 10, 0, 1, 0), empty(S1, T0 + 1000, 10, 0));
        f.timer(T0 + 3000);
        assertThat(f.drain()).containsExactly(empty(S1, T0 + 2000, 10, 0));
    }

    @Test
    void shouldStopFillingAfterMaxGapFill() {
        f.send(T0 + 200, tick(T0 + 200, 10));

        f.timer(T0 + 60_000);
        List<Candle> overnight = f.drain();
        f.send(T0 + 90_000, tick(T0 + 90_000, 11));

        assertThat(overnight).extracting(Candle::bucketStart)
                .containsExactly(T0, T0 + 1000, T0 + 2000, T0 + 3000, T0 + 4000, T0 + 5000);
        assertThat(f.drain()).isEmpty();
        assertThat(f.aggregator.openCandles()).isEqualTo(1);
    }

    @Test
    void shouldBoundFillOnTickByMaxGapFill() {
        f.send(T0 + 200, tick(T0 + 200, 10));
        f.send(T0 + 9000, tick(T0 + 9000, 11));

        assertThat(f.drain()).extracting(Candle::bucketStart, Candle::tickCount).containsExactly(
                tuple(T0, 1),
                tuple(T0 + 1000, 0),
                tuple(T0 + 2000, 0),
                tuple(T0 + 3000, 0),
                tuple(T0 + 4000, 0),
                tuple(T0 + 5000, 0));
    }

    @Test
    void shouldTurnEmptyCandleIntoRealCandleOnLateTick() {
        f.send(T0 + 200, tick(T0 + 200, 10)).timer(T0 + 2000);
        f.drain();

        f.send(T0 + 2100, tick(T0 + 1900, 15, 0));

        assertThat(f.drain()).containsExactly(candle(S1, T0 + 1000, 15, 15, 15, 15, 0, 1, 1));
    }

    @Test
    void shouldCarryRevisedCloseIntoFollowingEmptyCandles() {
        CandleFixture g = new CandleFixture(f.aggregator.options().mutate().gracePeriod(Duration.ofSeconds(3)).build());
        g.send(T0 + 900, tick(T0 + 900, 10)).send(T0 + 2300, tick(T0 + 2300, 30));
        g.drain();

        g.send(T0 + 2400, tick(T0 + 950, 11));

        assertThat(g.drain()).containsExactly(
                candle(S1, T0, 10, 11, 10, 11, 0, 2, 1),
                empty(S1, T0 + 1000, 11, 1));
    }

    @Test
    void shouldFillFromEmptyHeadAfterItTurnedReal() {
        f.send(T0 + 200, tick(T0 + 200, 10)).timer(T0 + 2000);
        f.send(T0 + 2100, tick(T0 + 1900, 15, 0)).timer(T0 + 3000);

        assertThat(f.drain()).last().isEqualTo(empty(S1, T0 + 2000, 15, 0));
    }
}
