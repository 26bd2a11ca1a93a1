package io.tickengine.core.candle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.time.MarketTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandleIntervalTest {
    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1s", "5s", "15s", "90s", "1m", "5m", "15m", "30m", "45m", "1h", "2h", "4h", "1d"})
    void shouldRoundTripLabel(String label) {
        CandleInterval interval = CandleInterval.parse(label);

        assertThat(interval.label()).isEqualTo(label);
        assertThat(interval).hasToString(label);
        assertThat(CandleInterval.parse(interval.label())).isEqualTo(interval);
    }

    @Test
    void shouldParseCaseInsensitivelyAndNormaliseUnits() {
        assertThat(CandleInterval.parse(" 1M ")).isEqualTo(CandleInterval.M1);
        assertThat(CandleInterval.parse("60s")).isEqualTo(CandleInterval.M1);
        assertThat(CandleInterval.parse("60m").label()).isEqualTo("1h");
        assertThat(CandleInterval.parse("24h")).isEqualTo(CandleInterval.DAY_IST);
        assertThat(CandleInterval.H1.seconds()).isEqualTo(3600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1", "1w", "0s", "-1m", "7s", "7m", "5h", "2d", "1.5m", "m1", "99999999999999999999s",
            "2305843009213694012s", "576460752303423489m"})
    void shouldRejectInvalidLength(String text) {
        assertThatThrownBy(() -> CandleInterval.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectLengthsThatDoNotDivideADay() {
        assertThatThrownBy(() -> new CandleInterval(1500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1500 ms");
        assertThatThrownBy(() -> new CandleInterval(500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CandleInterval.ofSeconds(7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectSecondsThatOverflowMilliseconds() {
        // 2^61 + 60 seconds times 1000 wraps around to exactly one minute in milliseconds.
        assertThatThrownBy(() -> CandleInterval.ofSeconds((1L << 61) + 60))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFloorToUtcForSecondAndMinuteBuckets() {
        long[] times = {0, 1, 999, 1000, 59_999, utc("2024-01-15T04:10:37.250Z"), -1, -999, -1000, -60_001};
        for (CandleInterval interval : new CandleInterval[] {CandleInterval.S1, CandleInterval.S5,
                CandleInterval.M1, CandleInterval.M15}) {
            for (long t : times) {
                assertThat(interval.bucketStart(t)).as("%s of %d", interval, t)
                        .isEqualTo(Math.floorDiv(t, interval.millis()) * interval.millis());
            }
        }
    }

    @Test
    void shouldAlignHourBucketsToIstHours() {
        // 09:40 IST falls into the 09:00 IST hour, which starts at 03:30 UTC.
        assertThat(CandleInterval.H1.bucketStart(utc("2024-01-15T04:10:00Z"))).isEqualTo(utc("2024-01-15T03:30:00Z"));
        assertThat(CandleInterval.H1.bucketStart(utc("2024-01-15T03:30:00Z"))).isEqualTo(utc("2024-01-15T03:30:00Z"));
        assertThat(CandleInterval.H1.bucketStart(utc("2024-01-15T03:29:59.999Z")))
                .isEqualTo(utc("2024-01-15T02:30:00Z"));
        assertThat(CandleInterval.H1.bucketEnd(utc("2024-01-15T03:30:00Z"))).isEqualTo(utc("2024-01-15T04:30:00Z"));
    }

    @Test
    void shouldAlignDayBucketsToIstMidnight() {
        long t = utc("2024-01-15T04:10:00Z");

        assertThat(CandleInterval.DAY_IST.bucketStart(t)).isEqualTo(utc("2024-01-14T18:30:00Z"))
                .isEqualTo(MarketTime.tradingDayStart(t));
        assertThat(CandleInterval.DAY_IST.bucketStart(utc("2024-01-15T18:30:00Z")))
                .isEqualTo(utc("2024-01-15T18:30:00Z"));
    }

    @Test
    void shouldBucketNegativeEpochTimes() {
        assertThat(CandleInterval.M1.bucketStart(-1)).isEqualTo(-60_000);
        assertThat(CandleInterval.H1.bucketStart(-1)).isEqualTo(-1_800_000);
        assertThat(CandleInterval.DAY_IST.bucketStart(-1)).isEqualTo(-19_800_000);
        assertThat(CandleInterval.DAY_IST.bucketStart(-19_800_001)).isEqualTo(-19_800_000 - 86_400_000);
    }

    @Test
    void shouldOrderByLength() {
        assertThat(CandleInterval.S1).isLessThan(CandleInterval.M1);
        assertThat(CandleInterval.DAY_IST).isGreaterThan(CandleInterval.H1);
    }
}
