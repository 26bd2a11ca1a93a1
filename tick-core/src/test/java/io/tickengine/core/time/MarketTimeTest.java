package io.tickengine.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class MarketTimeTest {
    private static final LocalTime EOD = LocalTime.of(16, 0);

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void shouldChangeTradingDateAt1830Utc() {
        assertThat(MarketTime.tradingDate(utc("2024-01-15T18:29:59.999Z"))).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(MarketTime.tradingDate(utc("2024-01-15T18:30:00Z"))).isEqualTo(LocalDate.of(2024, 1, 16));
        assertThat(MarketTime.tradingDate(utc("2024-01-15T00:00:00Z"))).isEqualTo(LocalDate.of(2024, 1, 15));
    }

    @Test
    void shouldMatchZoneRulesForTradingDate() {
        for (long t = utc("2023-12-30T00:00:00Z"); t < utc("2024-01-03T00:00:00Z"); t += 17 * 60_000 + 13) {
            assertThat(MarketTime.tradingDate(t)).isEqualTo(Instant.ofEpochMilli(t).atZone(MarketTime.IST).toLocalDate());
        }
    }

    @Test
    void shouldHandleInstantsBeforeTheEpoch() {
        assertThat(MarketTime.tradingDate(-1)).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(MarketTime.tradingDate(-19_800_001)).isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(MarketTime.tradingEpochDay(-19_800_001)).isEqualTo(-1);
        assertThat(MarketTime.tradingDayStart(-1)).isEqualTo(-19_800_000);
    }

    @Test
    void shouldStartTradingDayAtIstMidnight() {
        long start = utc("2024-01-14T18:30:00Z");

        assertThat(MarketTime.tradingDayStart(utc("2024-01-15T04:10:00Z"))).isEqualTo(start);
        assertThat(MarketTime.tradingDayStart(start)).isEqualTo(start);
        assertThat(MarketTime.tradingDayStart(start - 1)).isEqualTo(start - 86_400_000);
    }

    @Test
    void shouldConvertIstWallClockToUtc() {
        assertThat(MarketTime.at(LocalDate.of(2024, 1, 15), LocalTime.of(9, 15))).isEqualTo(utc("2024-01-15T03:45:00Z"));
    }

    @Test
    void shouldFindNextWeekday1600IstOverAWeekend() {
        long fridayEvening = utc("2024-01-19T12:00:00Z"); // Friday 17:30 IST
        long monday1600 = utc("2024-01-22T10:30:00Z");

        assertThat(MarketTime.nextWeekdayAt(fridayEvening, EOD)).isEqualTo(monday1600);
        assertThat(MarketTime.nextWeekdayAt(utc("2024-01-20T06:00:00Z"), EOD)).isEqualTo(monday1600);
        assertThat(MarketTime.nextWeekdayAt(utc("2024-01-21T20:00:00Z"), EOD)).as("Monday 01:30 IST")
                .isEqualTo(monday1600);
    }

    @Test
    void shouldFindLaterTheSameWeekdayAndBeStrictlyAfter() {
        long friday1600 = utc("2024-01-19T10:30:00Z");

        assertThat(MarketTime.nextWeekdayAt(utc("2024-01-19T04:00:00Z"), EOD)).isEqualTo(friday1600);
        assertThat(MarketTime.nextWeekdayAt(friday1600 - 1, EOD)).isEqualTo(friday1600);
        assertThat(MarketTime.nextWeekdayAt(friday1600, EOD)).isEqualTo(utc("2024-01-22T10:30:00Z"));
        assertThat(MarketTime.nextWeekdayAt(utc("2024-01-16T12:00:00Z"), EOD)).isEqualTo(utc("2024-01-17T10:30:00Z"));
    }

    @Test
    void shouldTellWeekdaysByIstDate() {
        assertThat(MarketTime.isWeekday(utc("2024-01-19T18:29:59Z"))).as("Friday 23:59 IST").isTrue();
        assertThat(MarketTime.isWeekday(utc("2024-01-19T18:30:00Z"))).as("Saturday 00:00 IST").isFalse();
        assertThat(MarketTime.isWeekday(utc("2024-01-21T18:30:00Z"))).as("Monday 00:00 IST").isTrue();
    }

    @Test
    void shouldMoveManualClockOnlyWhenTold() {
        ManualClock clock = new ManualClock(1000);

        assertThat(clock.millis()).isEqualTo(1000);
        assertThat(clock.advance(500)).isEqualTo(1500);
        clock.set(42);
        assertThat(clock.millis()).isEqualTo(42);
    }
}
