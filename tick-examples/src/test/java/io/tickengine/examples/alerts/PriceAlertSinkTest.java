package io.tickengine.examples.alerts;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Crossing rules and exact fixed-point comparison of the price alert sink. */
class PriceAlertSinkTest {
    static final long INFY = 408_065;

    static Tick tick(long units, int scale) {
        return Tick.builder().instrumentToken(INFY).tradingSymbol("INFY").mode(TickMode.LTP).priceScale(scale)
                .lastPrice(units).build();
    }

    @Test
    void shouldFireOnceWhenThePriceCrossesUpAndAgainAfterGoingBack() {
        List<PriceAlertSink.Triggered> hits = new ArrayList<>();
        PriceAlert above = PriceAlert.of(INFY, new BigDecimal("1500.05"), PriceAlert.Direction.ABOVE);
        PriceAlertSink sink = new PriceAlertSink(List.of(above), hits::add);

        sink.onBatch(List.of(tick(150_000, 2), tick(150_004, 2), tick(150_005, 2), tick(150_010, 2)));
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).tick().lastPrice()).isEqualTo(150_005);

        sink.onBatch(List.of(tick(150_000, 2), tick(150_100, 2)));
        assertThat(hits).hasSize(2);
        assertThat(sink.fired()).isEqualTo(2);
    }

    @Test
    void shouldNotFireOnTheFirstTickEvenBeyondTheThreshold() {
        List<PriceAlertSink.Triggered> hits = new ArrayList<>();
        PriceAlertSink sink = new PriceAlertSink(List.of(PriceAlert.of(INFY, new BigDecimal("10"),
                PriceAlert.Direction.BELOW)), hits::add);
        sink.onBatch(List.of(tick(500, 2), tick(400, 2)));
        assertThat(hits).isEmpty();
        sink.onBatch(List.of(tick(1_100, 2), tick(1_000, 2)));
        assertThat(hits).hasSize(1);
    }

    @Test
    void shouldCompareExactlyAcrossScalesWithoutDoubles() {
        // 0.1 + 0.2 is not 0.3 in binary floating point; in fixed point it is.
        PriceAlert a = PriceAlert.of(INFY, new BigDecimal("0.30"), PriceAlert.Direction.ABOVE);
        assertThat(a.scale()).isEqualTo(1);
        assertThat(a.compareTo(3, 1)).isZero();
        assertThat(a.compareTo(3_000, 4)).isZero();
        assertThat(a.compareTo(2_999, 4)).isNegative();
        assertThat(a.compareTo(30_001, 5)).isPositive();
        assertThat(a.compareTo(Long.MAX_VALUE, 0)).isPositive();
        assertThat(PriceAlertSink.crossed(a, tick(29, 2), tick(3_000, 4))).isTrue();
    }
}
