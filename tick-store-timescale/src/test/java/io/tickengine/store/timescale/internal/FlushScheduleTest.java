package io.tickengine.store.timescale.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.time.MarketTime;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class FlushScheduleTest {
    private static final LocalDate FRIDAY = LocalDate.of(2024, 11, 22);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);

    @Test
    void shouldBeDueEveryIntervalAfterTheFirstCall() {
        FlushSchedule s = new FlushSchedule(1_000, null);

        assertThat(s.check(10_000)).isEqualTo(FlushSchedule.Due.NOTHING);
        assertThat(s.check(10_999)).isEqualTo(FlushSchedule.Due.NOTHING);
        assertThat(s.check(11_000)).isEqualTo(FlushSchedule.Due.INTERVAL);
        assertThat(s.check(11_500)).isEqualTo(FlushSchedule.Due.NOTHING);
        assertThat(s.check(12_000)).isEqualTo(FlushSchedule.Due.INTERVAL);
    }

    @Test
    void shouldBeDueAtTheEndOfEachWeekdayOnly() {
        FlushSchedule s = new FlushSchedule(3_600_000_000L, CLOSE);
        s.check(MarketTime.at(FRIDAY, LocalTime.of(9, 15)));

        assertThat(s.check(MarketTime.at(FRIDAY, LocalTime.of(15, 59, 59)))).isEqualTo(FlushSchedule.Due.NOTHING);
        assertThat(s.check(MarketTime.at(FRIDAY, CLOSE))).isEqualTo(FlushSchedule.Due.END_OF_DAY);
        assertThat(s.check(MarketTime.at(FRIDAY, LocalTime.of(16, 0, 5)))).isEqualTo(FlushSchedule.Due.NOTHING);
        assertThat(s.check(MarketTime.at(FRIDAY.plusDays(1), CLOSE))).as("Saturday").isEqualTo(FlushSchedule.Due.NOTHING);
        assertThat(s.check(MarketTime.at(FRIDAY.plusDays(2), CLOSE))).as("Sunday").isEqualTo(FlushSchedule.Due.NOTHING);
        assertThat(s.check(MarketTime.at(FRIDAY.plusDays(3), CLOSE))).as("Monday").isEqualTo(FlushSchedule.Due.END_OF_DAY);
    }
}
