package io.tickengine.core.candle;

import io.tickengine.core.Tick;
import io.tickengine.core.time.MarketTime;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brute-force candles: recomputes every bucket from the raw tick stream by the documented rules, with
 * its own IST arithmetic, and remembers which buckets got ticks but have not been seen emitted yet.
 */
final class CandleOracle {
    record Key(long token, CandleInterval interval, long start) {
    }

    /** The oracle's view of one bucket. */
    static final class Bucket {
        long open;
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long close;
        long volume;
        int ticks;
    }

    final Map<Key, Bucket> buckets = new HashMap<>();
    final Set<Key> pending = new HashSet<>();
    final Map<Long, Long> lastEventTime = new HashMap<>();
    long dropped;
    private final List<CandleInterval> intervals;
    private final long grace;
    private final Map<Long, long[]> volumeState = new HashMap<>();

    CandleOracle(List<CandleInterval> intervals, long graceMillis) {
        this.intervals = intervals;
        this.grace = graceMillis;
    }

    /** Applies one tick when the latest arrival, its own included, is {@code arrived}. */
    void accept(Tick t, long arrived) {
        long eventTime = t.exchangeTimestamp() != 0 ? t.exchangeTimestamp() : t.receiveTimestamp();
        lastEventTime.merge(t.instrumentToken(), eventTime, Math::max);
        ZonedDateTime ist = Instant.ofEpochMilli(eventTime).atZone(MarketTime.IST);
        long tickDay = ist.toLocalDate().toEpochDay();
        long delta = 0;
        if (t.volume() > 0) {
            long[] s = volumeState.get(t.instrumentToken());
            if (s == null) {
                volumeState.put(t.instrumentToken(), new long[] {t.volume(), tickDay});
            } else if (tickDay > s[1]) {
                delta = t.volume();
                s[0] = t.volume();
                s[1] = tickDay;
            } else if (tickDay == s[1]) {
                delta = Math.max(0, t.volume() - s[0]);
                s[0] = Math.max(s[0], t.volume());
            }
        }
        boolean anyDropped = false;
        long midnight = ist.toLocalDate().atStartOfDay(MarketTime.IST).toInstant().toEpochMilli();
        for (CandleInterval interval : intervals) {
            long start = midnight + (eventTime - midnight) / interval.millis() * interval.millis();
            if (start + interval.millis() + grace <= arrived) {
                anyDropped = true;
                continue;
            }
            Key key = new Key(t.instrumentToken(), interval, start);
            Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
            if (bucket.ticks == 0) {
                bucket.open = t.lastPrice();
            }
            bucket.high = Math.max(bucket.high, t.lastPrice());
            bucket.low = Math.min(bucket.low, t.lastPrice());
            bucket.close = t.lastPrice();
            bucket.volume += delta;
            bucket.ticks++;
            pending.add(key);
        }
        if (anyDropped) {
            dropped++;
        }
    }
}
