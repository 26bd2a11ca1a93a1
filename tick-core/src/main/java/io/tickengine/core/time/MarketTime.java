package io.tickengine.core.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Indian market time. Everything inside tickengine is UTC; the trading date is the Asia/Kolkata
 * date. IST has had a fixed offset of +05:30 without daylight saving since 1945, so the arithmetic
 * here is exact and allocation-free.
 */
public final class MarketTime {
    /** The market's zone. */
    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    /** The market's fixed offset from UTC. */
    public static final ZoneOffset IST_OFFSET = ZoneOffset.ofHoursMinutes(5, 30);

    private static final long OFFSET_MILLIS = IST_OFFSET.getTotalSeconds() * 1000L;
    private static final long DAY_MILLIS = 86_400_000L;

    private MarketTime() {
    }

    /** The trading date (IST calendar date) of an instant given in epoch milliseconds. */
    public static LocalDate tradingDate(long epochMillis) {
        return LocalDate.ofEpochDay(tradingEpochDay(epochMillis));
    }

    /** The IST calendar day number (days since 1970-01-01 IST) of an instant. */
    public static long tradingEpochDay(long epochMillis) {
        return Math.floorDiv(epochMillis + OFFSET_MILLIS, DAY_MILLIS);
    }

    /** Start of the IST day containing {@code epochMillis}, as epoch milliseconds UTC. */
    public static long tradingDayStart(long epochMillis) {
        return tradingEpochDay(epochMillis) * DAY_MILLIS - OFFSET_MILLIS;
    }

    /** The instant of an IST wall-clock time on a date, as epoch milliseconds UTC. */
    public static long at(LocalDate date, LocalTime istTime) {
        return date.atTime(istTime).toInstant(IST_OFFSET).toEpochMilli();
    }

    /** Whether the trading date of the instant is a weekday (exchange holidays are not modelled here). */
    public static boolean isWeekday(long epochMillis) {
        DayOfWeek d = tradingDate(epochMillis).getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /**
     * The next instant strictly after {@code epochMillis} at which the IST wall clock reads {@code istTime}
     * on a weekday; used for end-of-day flushes (16:00 IST Monday to Friday).
     */
    public static long nextWeekdayAt(long epochMillis, LocalTime istTime) {
        LocalDate date = tradingDate(epochMillis);
        for (int i = 0; i < 8; i++, date = date.plusDays(1)) {
            long candidate = at(date, istTime);
            DayOfWeek d = date.getDayOfWeek();
            if (candidate > epochMillis && d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                return candidate;
            }
        }
        throw new IllegalStateException("no weekday within a week of " + Instant.ofEpochMilli(epochMillis));
    }
}
