package io.tickengine.store.timescale.internal;

import io.tickengine.core.time.MarketTime;
import java.time.LocalTime;

/**
 * When time-based writes are due, by the sinks' timer: every flush interval, and at the end-of-day time
 * (IST) Monday to Friday. The first call only starts the clocks. Not thread-safe.
 */
final class FlushSchedule {
    /** What is due. */
    enum Due {
        NOTHING,
        INTERVAL,
        END_OF_DAY
    }

    private final long intervalMillis;
    private final LocalTime endOfDay;
    private long nextInterval;
    private long nextEndOfDay;

    FlushSchedule(long intervalMillis, LocalTime endOfDay) {
        this.intervalMillis = intervalMillis;
        this.endOfDay = endOfDay;
    }

    /** What is due at {@code nowMillis}; each deadline fires once and then moves on. */
    Due check(long nowMillis) {
        Due due = Due.NOTHING;
        if (nextInterval == 0) {
            nextInterval = nowMillis + intervalMillis;
        } else if (nowMillis >= nextInterval) {
            nextInterval = nowMillis + intervalMillis;
            due = Due.INTERVAL;
        }
        if (endOfDay != null) {
            if (nextEndOfDay == 0) {
                nextEndOfDay = MarketTime.nextWeekdayAt(nowMillis, endOfDay);
            } else if (nowMillis >= nextEndOfDay) {
                nextEndOfDay = MarketTime.nextWeekdayAt(nowMillis, endOfDay);
                due = Due.END_OF_DAY;
            }
        }
        return due;
    }
}
