package io.tickengine.core.candle.internal;

import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import java.util.ArrayList;

/**
 * The candles of one instrument at one interval: the open candle of the newest bucket, kept in plain
 * fields, and the closed candles that late ticks may still revise until they are final. {@code arrived},
 * the time up to which the aggregator has seen its input, decides when a bucket is final and, on the
 * timer, closes buckets that have ended while the instrument is quiet. Not thread-safe.
 */
public final class IntervalSeries {
    /** {@link #onTick} result: the tick updated the open candle. */
    public static final int UPDATED = 0;
    /** {@link #onTick} result: the tick opened or revised a candle, so deadlines may have moved. */
    public static final int CHANGED = 1;
    /** {@link #onTick} result: the tick's bucket is final and the tick was dropped. */
    public static final int DROPPED = -1;
    /** {@link #addToOpen} result: the tick is not for the open candle. */
    public static final int OUTSIDE = 2;

    private static final long NONE = Long.MIN_VALUE;

    private final CandleInterval interval;
    private final long length;
    private final long grace;
    private final boolean fillGaps;
    private final long maxGapFill;

    /** Start of the newest bucket that has a candle, open or closed, real or empty. */
    private long head = NONE;
    /** End of the head bucket while its candle is open, else NONE. */
    private long openEnd = NONE;
    private long open;
    private long high;
    private long low;
    /** Close of the head candle, kept after it closes: empty candles carry it. */
    private long close;
    private long volume;
    private int tickCount;
    /** Closed candles not yet forgotten, ordered by bucket start; created on first need. */
    private ArrayList<Candle> closed;

    /** A series for one interval; durations are in milliseconds. */
    public IntervalSeries(CandleInterval interval, long graceMillis, boolean fillGaps, long maxGapFillMillis) {
        this.interval = interval;
        this.length = interval.millis();
        this.grace = graceMillis;
        this.fillGaps = fillGaps;
        this.maxGapFill = maxGapFillMillis;
    }

    /**
     * Adds a tick to the open candle when it belongs there: the hot path, kept small so that it inlines.
     *
     * @return {@link #UPDATED}, {@link #DROPPED}, or {@link #OUTSIDE} when {@link #onTick} must handle it
     */
    public int addToOpen(long eventTime, long price, long volumeDelta, long arrived) {
        if (eventTime < head || eventTime >= openEnd) {
            return OUTSIDE;
        }
        if (openEnd + grace <= arrived) {
            return DROPPED;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += volumeDelta;
        tickCount++;
        return UPDATED;
    }

    /**
     * Adds one tick; {@code arrived} (the latest arrival time, this tick's included) decides whether its
     * bucket is final.
     *
     * @return {@link #UPDATED}, {@link #CHANGED} or {@link #DROPPED}
     */
    public int onTick(InstrumentCandles owner, long eventTime, long price, long volumeDelta, long arrived,
                      CandleOutput out) {
        int result = addToOpen(eventTime, price, volumeDelta, arrived);
        if (result != OUTSIDE) {
            return result;
        }
        long start = interval.bucketStart(eventTime);
        if (start + length + grace <= arrived) {
            return DROPPED;
        }
        if (start > head) {
            if (openEnd != NONE) {
                closeHead(owner, arrived, out);
            }
            if (fillGaps && head != NONE) {
                fill(owner, start, Long.MAX_VALUE, arrived, out);
            }
            head = start;
            openEnd = start + length;
            open = price;
            high = price;
            low = price;
            close = price;
            volume = volumeDelta;
            tickCount = 1;
            out.opened();
        } else {
            revise(owner, start, price, volumeDelta, arrived, out);
        }
        return CHANGED;
    }

    /** Closes the open candle once its bucket ended by {@code arrived}, fills gaps up to it and forgets final candles. */
    public void onTimer(InstrumentCandles owner, long arrived, CandleOutput out) {
        if (openEnd != NONE && arrived >= openEnd) {
            closeHead(owner, arrived, out);
        }
        if (fillGaps && openEnd == NONE && head != NONE) {
            fill(owner, Long.MAX_VALUE, arrived, arrived, out);
        }
        forgetFinal(arrived);
    }

    /** Emits the open candle, if any, as if its bucket had closed. */
    public void flush(InstrumentCandles owner, long arrived, CandleOutput out) {
        if (openEnd != NONE) {
            closeHead(owner, arrived, out);
        }
    }

    /**
     * The earliest time at which {@link #onTimer} has a candle to close or a gap to fill, or
     * {@link Long#MAX_VALUE}. Forgetting final candles waits for the next time the series is touched.
     */
    public long nextDeadline(InstrumentCandles owner) {
        if (openEnd != NONE) {
            return openEnd;
        }
        if (fillGaps && head != NONE && head + length < gapFillLimit(owner)) {
            return head + 2 * length;
        }
        return Long.MAX_VALUE;
    }

    /** Whether a candle is open. */
    public boolean isOpen() {
        return openEnd != NONE;
    }

    private void closeHead(InstrumentCandles owner, long arrived, CandleOutput out) {
        Candle c = candle(owner, head, open, high, low, close, volume, tickCount, 0);
        openEnd = NONE;
        out.closed();
        keepIfNotFinal(c, arrived);
        out.emit(c);
    }

    /** Emits empty candles after the head for buckets starting before {@code before} and ending by {@code until}. */
    private void fill(InstrumentCandles owner, long before, long until, long arrived, CandleOutput out) {
        long limit = Math.min(before, gapFillLimit(owner));
        for (long s = head + length; s < limit && s + length <= until; s += length) {
            Candle empty = candle(owner, s, close, close, close, close, 0, 0, 0);
            head = s;
            keepIfNotFinal(empty, arrived);
            out.emit(empty);
        }
    }

    private long gapFillLimit(InstrumentCandles owner) {
        long last = owner.lastEventTime();
        return last > Long.MAX_VALUE - maxGapFill ? Long.MAX_VALUE : last + maxGapFill;
    }

    /** A tick for a closed bucket that is not final: revises its candle, or creates it, and emits it at once. */
    private void revise(InstrumentCandles owner, long start, long price, long volumeDelta, long arrived,
                        CandleOutput out) {
        if (closed == null) {
            closed = new ArrayList<>(4);
        }
        forgetFinal(arrived);
        int i = indexOf(start);
        Candle c;
        if (i >= 0) {
            Candle old = closed.get(i);
            c = old.tickCount() == 0
                    ? candle(owner, start, price, price, price, price, volumeDelta, 1, old.revision() + 1)
                    : candle(owner, start, old.open(), Math.max(old.high(), price), Math.min(old.low(), price), price,
                            old.volume() + volumeDelta, old.tickCount() + 1, old.revision() + 1);
            closed.set(i, c);
        } else {
            i = -i - 1;
            c = candle(owner, start, price, price, price, price, volumeDelta, 1, 0);
            closed.add(i, c);
        }
        out.emit(c);
        if (start == head) {
            close = price;
        }
        carryClose(owner, i + 1, price, out);
    }

    /** Empty candles that follow a revised candle carry its new close. */
    private void carryClose(InstrumentCandles owner, int from, long price, CandleOutput out) {
        for (int j = from; j < closed.size(); j++) {
            Candle e = closed.get(j);
            if (e.tickCount() != 0 || e.close() == price) {
                return;
            }
            Candle c = candle(owner, e.bucketStart(), price, price, price, price, 0, 0, e.revision() + 1);
            closed.set(j, c);
            out.emit(c);
            if (c.bucketStart() == head) {
                close = price;
            }
        }
    }

    /** Binary search of the closed candles by bucket start, as {@link java.util.Arrays#binarySearch}. */
    private int indexOf(long start) {
        int lo = 0;
        int hi = closed.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = closed.get(mid).bucketStart();
            if (s < start) {
                lo = mid + 1;
            } else if (s > start) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Keeps a closed candle for revisions unless it is final already; forgets those that became final. */
    private void keepIfNotFinal(Candle c, long arrived) {
        forgetFinal(arrived);
        if (c.bucketStart() + length + grace > arrived) {
            if (closed == null) {
                closed = new ArrayList<>(4);
            }
            closed.add(c);
        }
    }

    /** Drops the closed candles that are final: no tick may revise them any more. */
    private void forgetFinal(long arrived) {
        if (closed == null) {
            return;
        }
        int n = 0;
        while (n < closed.size() && closed.get(n).bucketStart() + length + grace <= arrived) {
            n++;
        }
        if (n > 0) {
            closed.subList(0, n).clear();
        }
    }

    private Candle candle(InstrumentCandles owner, long start, long o, long h, long l, long c, long vol, int ticks,
                          int revision) {
        return new Candle(owner.instrumentToken(), owner.exchange(), interval, start, owner.priceScale(), o, h, l, c,
                vol, ticks, revision);
    }
}
