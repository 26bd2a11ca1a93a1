package io.tickengine.core.candle;

import static io.tickengine.core.candle.CandleFixture.T0;
import static io.tickengine.core.candle.CandleFixture.TOKEN;
import static io.tickengine.core.candle.CandleFixture.candle;
import static io.tickengine.core.candle.CandleFixture.tick;
import static io.tickengine.core.candle.CandleInterval.S1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.time.MarketTime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandleAggregatorTest {
    private final CandleFixture f = new CandleFixture();

    @Test
    void shouldNameItselfCandlesAndNeverDropTicks() {
        assertThat(f.aggregator.name()).isEqualTo("candles");
        assertThat(f.aggregator.overflowPolicy()).isEqualTo(OverflowPolicy.NEVER_DROP);
    }

    @Test
    void shouldEmitCandleWhenLaterBucketArrives() {
        f.send(T0, tick(T0, 100_00), tick(T0 + 250, 101_50), tick(T0 + 500, 99_75), tick(T0 + 999, 100_25));
        assertThat(f.drain()).isEmpty();

        f.send(T0 + 1000, tick(T0 + 1000, 100_30));

        assertThat(f.drain()).containsExactly(candle(S1, T0, 100_00, 101_50, 99_75, 100_25, 0, 4, 0));
        assertThat(f.aggregator.openCandles()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreDepthTicksWhichAreNotTrades() {
        Tick book = tick(T0 + 100, 0, 0).toBuilder().mode(TickMode.DEPTH).build();
        Tick lateBook = tick(T0 + 1500, 0, 0).toBuilder().mode(TickMode.DEPTH).build();

        f.send(T0, book, tick(T0 + 200, 100_00, 1_000), tick(T0 + 300, 100_50, 1_500), lateBook);
        f.send(T0 + 2000, tick(T0 + 2000, 101_00, 1_600));

        assertThat(f.drain()).containsExactly(candle(S1, T0, 100_00, 100_50, 100_00, 100_50, 500, 2, 0));
        assertThat(f.aggregator.depthTicksIgnored()).isEqualTo(2);
        assertThat(f.aggregator.ticksProcessed()).isEqualTo(5);
        assertThat(f.aggregator.metrics()).containsEntry("depthTicksIgnored", 2L);
        assertThat(f.aggregator.openCandles()).isEqualTo(1);
    }

    @Test
    void shouldMakeNoCandleFromDepthTicksAlone() {
        f.send(T0, tick(T0 + 100, 0, 0).toBuilder().mode(TickMode.DEPTH).build());
        f.aggregator.flush();

        assertThat(f.drain()).isEmpty();
        assertThat(f.aggregator.openCandles()).isZero();
    }

    @Test
    void shouldPutTickAtBucketEndIntoNextBucket() {
        f.send(T0 + 999, tick(T0 + 999, 10), tick(T0 + 1000, 20), tick(T0 + 1999, 30), tick(T0 + 2000, 40));

        assertThat(f.drain()).containsExactly(
                candle(S1, T0, 10, 10, 10, 10, 0, 1, 0),
                candle(S1, T0 + 1000, 20, 30, 20, 30, 0, 2, 0));
    }

    @Test
    void shouldAlignHourAndDayCandlesToIst() {
        LocalDate date = LocalDate.of(2024, 3, 4);
        long at = MarketTime.at(date, LocalTime.of(9, 15, 30));
        CandleFixture g = new CandleFixture(AggregatorOptions.builder()
                .intervals(CandleInterval.M5, CandleInterval.M15, CandleInterval.H1, CandleInterval.DAY_IST).build(), at);

        g.send(at, tick(at, 500)).aggregator.flush();

        assertThat(g.drain()).extracting(Candle::interval, Candle::bucketStart).containsExactly(
                tuple(CandleInterval.M5, MarketTime.at(date, LocalTime.of(9, 15))),
                tuple(CandleInterval.M15, MarketTime.at(date, LocalTime.of(9, 15))),
                tuple(CandleInterval.H1, MarketTime.at(date, LocalTime.of(9, 0))),
                tuple(CandleInterval.DAY_IST, MarketTime.at(date, LocalTime.MIDNIGHT)));
        assertThat(MarketTime.at(date, LocalTime.of(9, 0)) % 3_600_000L).isEqualTo(1_800_000L);
    }

    @Test
    void shouldKeepPriceScaleAndExchangeOfTicks() {
        Tick usdinr = Tick.builder().instrumentToken(TOKEN).exchange(Exchange.CDS).mode(TickMode.QUOTE).priceScale(7)
                .lastPrice(83_1234567L).exchangeTimestamp(T0 + 10).build();

        f.send(T0 + 10, usdinr).aggregator.flush();

        Candle c = f.drain().get(0);
        assertThat(c.exchange()).isEqualTo(Exchange.CDS);
        assertThat(c.priceScale()).isEqualTo(7);
        assertThat(c.closeDecimal()).hasToString("83.1234567");
    }

    @Test
    void shouldUseReceiveTimeWhenExchangeTimestampIsMissing() {
        Tick index = Tick.builder().instrumentToken(TOKEN).exchange(Exchange.NSE).lastPrice(22_000_00)
                .receiveTimestamp(T0 + 5_400).build();

        f.send(T0 + 5_400, index).aggregator.flush();

        assertThat(f.drain()).extracting(Candle::bucketStart).containsExactly(T0 + 5_000);
    }

    @Test
    void shouldCloseQuietCandleOnTimerAtBucketEnd() {
        f.send(T0 + 400, tick(T0 + 400, 7));

        f.timer(T0 + 999);
        assertThat(f.drain()).isEmpty();
        f.timer(T0 + 1000);

        assertThat(f.drain()).containsExactly(candle(S1, T0, 7, 7, 7, 7, 0, 1, 0));
        assertThat(f.aggregator.openCandles()).isZero();
    }

    @Test
    void shouldReviseClosedCandleForLateTickWithinGrace() {
        f.send(T0 + 100, tick(T0 + 100, 50), tick(T0 + 200, 60)).timer(T0 + 1000);
        f.drain();

        f.send(T0 + 1999, tick(T0 + 900, 40));

        assertThat(f.drain()).containsExactly(candle(S1, T0, 50, 60, 40, 40, 0, 3, 1));
        assertThat(f.aggregator.lateTicksDropped()).isZero();
    }

    @Test
    void shouldDropTickForFinalBucketAndCountIt() {
        f.send(T0 + 100, tick(T0 + 100, 50)).timer(T0 + 1000);
        f.drain();

        f.send(T0 + 2000, tick(T0 + 900, 40));

        assertThat(f.drain()).isEmpty();
        assertThat(f.aggregator.lateTicksDropped()).isEqualTo(1);
        assertThat(f.aggregator.ticksProcessed()).isEqualTo(2);
    }

    @Test
    void shouldDropTickForFinalBucketEvenWhileItsCandleIsStillOpen() {
        f.send(T0 + 100, tick(T0 + 100, 50));

        f.send(T0 + 2500, tick(T0 + 900, 40));
        f.aggregator.flush();

        assertThat(f.drain()).containsExactly(candle(S1, T0, 50, 50, 50, 50, 0, 1, 0));
        assertThat(f.aggregator.lateTicksDropped()).isEqualTo(1);
    }

    @Test
    void shouldEmitLateTickForBucketWithoutCandleAtOnce() {
        f.send(T0 + 100, tick(T0 + 100, 50), tick(T0 + 2100, 70));
        f.drain();

        f.send(T0 + 2200, tick(T0 + 1500, 60));

        assertThat(f.drain()).containsExactly(candle(S1, T0 + 1000, 60, 60, 60, 60, 0, 1, 0));
        assertThat(f.aggregator.openCandles()).isEqualTo(1);
    }

    @Test
    void shouldApplyGraceToEachIntervalOnItsOwn() {
        CandleFixture g = new CandleFixture(AggregatorOptions.builder().intervals(S1, CandleInterval.M1).build());
        g.send(T0 + 100, tick(T0 + 100, 50), tick(T0 + 1100, 55));
        g.drain();

        g.send(T0 + 3000, tick(T0 + 200, 45)).aggregator.flush();

        assertThat(g.drain()).containsExactly(
                candle(S1, T0 + 1000, 55, 55, 55, 55, 0, 1, 0),
                candle(CandleInterval.M1, T0, 50, 55, 45, 45, 0, 3, 0));
        assertThat(g.aggregator.lateTicksDropped()).isEqualTo(1);
    }

    @Test
    void shouldNotReopenForgottenBucketForTickThatArrivedEarlierThanOthers() {
        f.send(T0 + 100, tick(T0 + 100, 50)).send(T0 + 5000, tick(T0 + 4900, 60));
        f.drain();

        f.deliver(T0 + 5001, tick(T0 + 900, 40).toBuilder().receiveTimestamp(T0 + 1500).build());

        assertThat(f.drain()).isEmpty();
        assertThat(f.aggregator.lateTicksDropped()).isEqualTo(1);
    }

    @Test
    void shouldJudgeLatenessByArrivalNotByWhenTheTickIsProcessed() {
        f.send(T0 + 100, tick(T0 + 100, 50));

        // Received 50 ms after its bucket ended, handed over 2 s later: the sink's backlog, not a late tick.
        f.deliver(T0 + 3000, tick(T0 + 900, 40).toBuilder().receiveTimestamp(T0 + 1050).build());
        f.aggregator.flush();

        assertThat(f.drain()).containsExactly(candle(S1, T0, 50, 50, 40, 40, 0, 2, 0));
        assertThat(f.aggregator.lateTicksDropped()).isZero();
    }

    @Test
    void shouldCloseOnTheTimerOnlyWhatItsTimeHasPassed() {
        f.send(T0 + 100, tick(T0 + 100, 50));
        f.clock.set(T0 + 3000);

        // The clock is past the bucket, but the input is only complete up to T0 + 900: nothing closes.
        f.aggregator.onTimer(T0 + 900);
        assertThat(f.drain()).isEmpty();
        f.aggregator.onTimer(T0 + 1000);

        assertThat(f.drain()).containsExactly(candle(S1, T0, 50, 50, 50, 50, 0, 1, 0));
    }

    @Test
    void shouldMakeBucketsFinalOnceTheInputTimePassesThem() {
        f.send(T0 + 100, tick(T0 + 100, 50)).timer(T0 + 2000);
        f.drain();

        f.deliver(T0 + 2000, tick(T0 + 900, 40).toBuilder().receiveTimestamp(T0 + 1050).build());

        assertThat(f.drain()).isEmpty();
        assertThat(f.aggregator.lateTicksDropped()).isEqualTo(1);
    }

    @Test
    void shouldDropTickThatArrivedOnTimeButWaitedLongerThanTheArrivalLagLimit() {
        f.send(T0 + 100, tick(T0 + 100, 50));

        f.deliver(T0 + 2000 + CandleAggregator.MAX_ARRIVAL_LAG_MILLIS,
                tick(T0 + 900, 40).toBuilder().receiveTimestamp(T0 + 950).build());
        f.aggregator.flush();

        assertThat(f.drain()).containsExactly(candle(S1, T0, 50, 50, 50, 50, 0, 1, 0));
        assertThat(f.aggregator.lateTicksDropped()).isEqualTo(1);
    }

    @Test
    void shouldTakeTheClockForReceiveTimesAheadOfIt() {
        f.deliver(T0 + 100, tick(T0 + 100, 50).toBuilder().receiveTimestamp(T0 + 600_000).build());

        f.send(T0 + 200, tick(T0 + 200, 55));
        f.aggregator.flush();

        assertThat(f.drain()).containsExactly(candle(S1, T0, 50, 55, 50, 55, 0, 2, 0));
        assertThat(f.aggregator.lateTicksDropped()).isZero();
    }

    @Test
    void shouldEmitOpenCandlesOnFlushAndReviseThemAfterwards() {
        f.send(T0 + 100, tick(T0 + 100, 50), tick(42, T0 + 300, 9, 0));

        f.aggregator.flush();
        assertThat(f.drain()).extracting(Candle::instrumentToken, Candle::revision)
                .containsExactlyInAnyOrder(tuple(TOKEN, 0),
                        tuple(42L, 0));
        assertThat(f.aggregator.openCandles()).isZero();

        f.send(T0 + 500, tick(T0 + 500, 52));
        assertThat(f.drain()).containsExactly(candle(S1, T0, 50, 52, 50, 52, 0, 2, 1));
    }

    @Test
    void shouldCountTicksCandlesAndOpenCandles() {
        f.send(T0, tick(T0, 1), tick(T0 + 1000, 2), tick(43, T0 + 10, 3, 0));
        f.aggregator.onBatch(List.of());

        assertThat(f.aggregator.ticksProcessed()).isEqualTo(3);
        assertThat(f.aggregator.candlesEmitted()).isEqualTo(1);
        assertThat(f.aggregator.openCandles()).isEqualTo(2);
        assertThat(f.aggregator.options()).isEqualTo(AggregatorOptions.create());
    }
}
