package io.tickengine.core.candle.internal;

import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import java.util.ArrayList;

/**
 * The candles of one instrument at one interval: the open candle of the newest bucket, kept in plain
 * fields, and the closed candles that late ticks may still revise until they are final. Not thread-safe.
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
    public int addToOpen(long eventTime, long price, long volumeDelta, long now) {
        if (eventTime < head || eventTime >= openEnd) {
            return OUTSIDE;
        }
        if (openEnd + grace <= now) {
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
     * Adds one tick; {@code now} is the processing time that decides whether its bucket is final.
     *
     * @return {@link #UPDATED}, {@link #CHANGED} or {@link #DROPPED}
     */
    public int onTick(InstrumentCandles owner, long eventTime, long price, long volumeDelta, long now,
                      CandleOutput out) {
        int result = addToOpen(eventTime, price, volumeDelta, now);
        if (result != OUTSIDE) {
            return result;
        }
        long start = interval.bucketStart(eventTime);
        if (start + length + grace <= now) {
            return DROPPED;
        }
        if (start > head) {
            if (openEnd != NONE) {
                closeHead(owner, now, out);
            }
            if (fillGaps && head != NONE) {
                fill(owner, start, Long.MAX_VALUE, now, out);
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
            revise(owner, start, price, volumeDelta, out);
        }
        return CHANGED;
    }

    /** Closes the open candle once its bucket ended, fills gaps up to {@code now} and forgets final candles. */
    public void onTimer(InstrumentCandles owner, long now, CandleOutput out) {
        if (openEnd != NONE && now >= openEnd) {
            closeHead(owner, now, out);
        }
        if (fillGaps && openEnd == NONE && head != NONE) {
            fill(owner, Long.MAX_VALUE, now, now, out);
        }
        if (closed != null) {
            int n = 0;
            while (n < closed.size() && closed.get(n).bucketStart() + length + grace <= now) {
                n++;
            }
            if (n > 0) {
                closed.subList(0, n).clear();
            }
        }
    }

    /** Emits the open candle, if any, as if its bucket had closed. */
    public void flush(InstrumentCandles owner, long now, CandleOutput out) {
        if (openEnd != NONE) {
            closeHead(owner, now, out);
        }
    }

    /** The earliest time at which {@link #onTimer} has something to do, or {@link Long#MAX_VALUE}. */
    public long nextDeadline(InstrumentCandles owner) {
        long next = Long.MAX_VALUE;
        if (openEnd != NONE) {
            next = openEnd;
        } else if (fillGaps && head != NONE && head + length < gapFillLimit(owner)) {
            next = head + 2 * length;
        }
        if (closed != null && !closed.isEmpty()) {
            next = Math.min(next, closed.get(0).bucketStart() + length + grace);
        }
        return next;
    }

    /** Whether a candle is open. */
    public boolean isOpen() {
        return openEnd != NONE;
    }

    private void closeHead(InstrumentCandles owner, long now, CandleOutput out) {
        Candle c = candle(owner, head, open, high, low, close, volume, tickCount, 0);
        openEnd = NONE;
        out.closed();
        keepIfNotFinal(c, now);
        out.emit(c);
    }

    /** Emits empty candles after the head for buckets starting before {@code before} and ending by {@code until}. */
    private void fill(InstrumentCandles owner, long before, long until, long now, CandleOutput out) {
        long limit = Math.min(before, gapFillLimit(owner));
        for (long s = head + length; s < limit && s + length <= until; s += length) {
            Candle empty = candle(owner, s, close, close, close, close, 0, 0, 0);
            head = s;
            keepIfNotFinal(empty, now);
            out.emit(empty);
        }
    }

    private long gapFillLimit(InstrumentCandles owner) {
        long last = owner.lastEventTime();
        return last > Long.MAX_VALUE - maxGapFill ? Long.MAX_VALUE : last + maxGapFill;
    }

    /** A tick for a closed bucket that is not final: revises its candle, or creates it, and emits it at once. */
    private void revise(InstrumentCandles owner, long start, long price, long volumeDelta, CandleOutput out) {
        if (closed == null) {
            closed = new ArrayList<>(4);
        }
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

    private void keepIfNotFinal(Candle c, long now) {
        if (c.bucketStart() + length + grace > now) {
            if (closed == null) {
                closed = new ArrayList<>(4);
            }
            closed.add(c);
        }
    }

    private Candle candle(InstrumentCandles owner, long start, long o, long h, long l, long c, long vol, int ticks,
                          int revision) {
        return new Candle(owner.instrumentToken(), owner.exchange(), interval, start, owner.priceScale(), o, h, l, c,
                vol, ticks, revision);
    }
}
