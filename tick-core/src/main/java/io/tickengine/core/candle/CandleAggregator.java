package io.tickengine.core.candle;

import io.tickengine.core.Tick;
import io.tickengine.core.candle.internal.CandleOutput;
import io.tickengine.core.candle.internal.InstrumentCandles;
import io.tickengine.core.candle.internal.IntervalSeries;
import io.tickengine.core.internal.LongObjectMap;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.time.Clock;
import io.tickengine.core.time.MarketTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds OHLC candles of {@link Tick#lastPrice()} per instrument and per configured interval, and hands
 * each closed or revised {@link Candle} to an output consumer. It runs on its sink thread only and is
 * not thread-safe; the counters may be read from any thread.
 *
 * <p><b>Trades only.</b> Ticks without a trade price ({@link io.tickengine.core.TickMode#DEPTH}, order book
 * only) are counted in {@link #depthTicksIgnored()} and otherwise ignored: they open no candle and move
 * no price or volume.
 *
 * <p><b>Buckets.</b> A tick belongs to the bucket {@code interval.bucketStart(tick.eventTime())}. Open is
 * the first and close the last accepted tick in arrival order.
 *
 * <p><b>Arrival.</b> A tick's arrival is its {@link Tick#receiveTimestamp()}, when its source got it, or
 * the clock at its batch when it has none or one later than the clock. The aggregator keeps the time up
 * to which it has seen its input: the latest arrival, or the time given to {@link #onTimer}, which says
 * that everything that arrived by then was handed over (the engine passes exactly that, see
 * {@link #timerFollowsInput()}). That time judges late ticks and closes the candles of quiet
 * instruments, so a tick that reached the engine on time is not dropped, nor its candle closed ahead of
 * it, because this sink's buffer held it for a while. It never trails the clock (read once per batch) by
 * more than {@link #MAX_ARRIVAL_LAG_MILLIS}: past that, a backlog drops ticks as late. To replay recorded
 * ticks, give the aggregator a clock that follows the replay.
 *
 * <p><b>Volume.</b> Ticks carry the cumulative day volume, so a candle's volume is the sum of per-tick
 * deltas, defined in arrival order per instrument from {@code maxCum}, the largest cumulative volume seen,
 * and its IST trading day: a tick with volume 0 adds 0; the first tick with volume adds 0 (earlier volume
 * is not attributed); a tick of a later trading day adds its whole volume and restarts {@code maxCum}; a
 * tick of an earlier day adds 0; otherwise a tick adds {@code max(0, volume - maxCum)}. The delta is
 * computed for every tick, dropped or not, and added to the tick's bucket in each interval that accepts it.
 *
 * <p><b>Closing and late ticks.</b> A candle is emitted with revision 0 when its bucket closes: when a
 * tick of a later bucket arrives for that instrument and interval, or when {@link #onTimer}'s time
 * passes the bucket's end. A bucket is final once the input time reaches its end plus the grace
 * period. A tick for a closed bucket that is not final revises its candle (or creates it) and emits it
 * at once with the next revision; a tick for a final bucket is dropped, counted in
 * {@link #lateTicksDropped()} and logged at most once a second.
 *
 * <p><b>Gaps.</b> With {@link AggregatorOptions#fillGaps()}, buckets skipped after a closed candle get
 * empty candles (previous close, no volume, no ticks) up to the next tick's bucket or, on the timer, up to
 * its time, but only for buckets starting less than {@link AggregatorOptions#maxGapFill()} after the
 * instrument's latest tick. When a late tick changes a close, the empty candles after it are re-emitted
 * with the new close.
 */
public final class CandleAggregator implements TickSink {
    private static final Logger LOG = LoggerFactory.getLogger(CandleAggregator.class);
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long NEVER = Long.MIN_VALUE;
    /** How far the latest arrival may trail the clock: the longest backlog that drops no tick that arrived on time. */
    public static final long MAX_ARRIVAL_LAG_MILLIS = 10_000;

    private final AggregatorOptions options;
    private final Clock clock;
    private final CandleInterval[] intervals;
    private final long graceMillis;
    private final long maxGapFillMillis;
    private final CandleOutput output;
    private final LongObjectMap<InstrumentCandles> instruments = new LongObjectMap<>(1024);
    /** Per interval, a time at or before which the timer has work; it skips intervals not yet due. */
    private final long[] nextDue;
    private final boolean[] due;
    private final long[] scanNext;

    private long now = NEVER;
    /** The time up to which the input was seen: buckets that ended more than the grace period before it are final. */
    private long arrived = NEVER;
    private long dayStart;
    private long dayEnd;
    private long day;
    private long droppedSinceLog;
    private long lastDropLog = NEVER;
    private volatile long ticksProcessed;
    private volatile long lateTicksDropped;
    private volatile long depthTicksIgnored;

    private CandleAggregator(AggregatorOptions options, Clock clock, Consumer<Candle> output) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.output = new CandleOutput(Objects.requireNonNull(output, "output"));
        this.intervals = options.intervals().toArray(new CandleInterval[0]);
        this.graceMillis = options.gracePeriod().toMillis();
        this.maxGapFillMillis = options.maxGapFill().toMillis();
        this.nextDue = new long[intervals.length];
        this.due = new boolean[intervals.length];
        this.scanNext = new long[intervals.length];
        Arrays.fill(nextDue, NEVER);
    }

    /**
     * An aggregator that reads processing time from {@code clock} and hands candles to {@code output},
     * on the aggregator's thread; the output must not throw.
     */
    public static CandleAggregator create(AggregatorOptions options, Clock clock, Consumer<Candle> output) {
        return new CandleAggregator(options, clock, output);
    }

    /** Returns {@code "candles"}. */
    @Override
    public String name() {
        return "candles";
    }

    /** {@link OverflowPolicy#NEVER_DROP}: candles must see every tick the engine accepted. */
    @Override
    public OverflowPolicy overflowPolicy() {
        return OverflowPolicy.NEVER_DROP;
    }

    /** True: the timer closes candles by the time up to which the aggregator has seen its ticks. */
    @Override
    public boolean timerFollowsInput() {
        return true;
    }

    /** The aggregator's counters: ticks processed, candles emitted, late ticks dropped, open candles. */
    @Override
    public Map<String, Long> metrics() {
        return Map.of("ticksProcessed", ticksProcessed(), "candlesEmitted", candlesEmitted(),
                "lateTicksDropped", lateTicksDropped(), "depthTicksIgnored", depthTicksIgnored(),
                "openCandles", (long) openCandles());
    }

    /** Adds the ticks to their candles, emitting the candles they close or revise. */
    @Override
    public void onBatch(List<Tick> batch) {
        long time = advanceTo(clock.millis());
        int n = batch.size();
        long ignored = 0;
        for (int i = 0; i < n; i++) {
            Tick tick = batch.get(i);
            long received = tick.receiveTimestamp();
            long arrival = received > 0 && received < time ? received : time;
            if (arrival > arrived) {
                arrived = arrival;
            }
            if (tick.mode().hasTradePrice()) {
                onTick(tick, time);
            } else {
                ignored++;
            }
        }
        ticksProcessed += n;
        if (ignored > 0) {
            depthTicksIgnored += ignored;
        }
    }

    /**
     * Closes candles whose bucket ended by {@code nowMillis}, fills gaps up to it and forgets final
     * candles. {@code nowMillis} says that every tick that arrived by then has been handed over: the
     * engine's time for this sink ({@link #timerFollowsInput()}), or the clock when the caller has handed
     * over all it holds.
     */
    @Override
    public void onTimer(long nowMillis) {
        advanceTo(nowMillis);
        if (nowMillis > arrived) {
            arrived = nowMillis;
        }
        long time = arrived;
        boolean any = false;
        for (int k = 0; k < nextDue.length; k++) {
            due[k] = time >= nextDue[k];
            any |= due[k];
        }
        if (!any) {
            return;
        }
        long[] next = scanNext;
        Arrays.fill(next, Long.MAX_VALUE);
        for (int slot = 0, slots = instruments.capacity(); slot < slots; slot++) {
            InstrumentCandles inst = instruments.valueAt(slot);
            if (inst != null) {
                IntervalSeries[] series = inst.series();
                for (int k = 0; k < series.length; k++) {
                    if (due[k]) {
                        series[k].onTimer(inst, time, output);
                        next[k] = Math.min(next[k], series[k].nextDeadline(inst));
                    }
                }
            }
        }
        for (int k = 0; k < nextDue.length; k++) {
            if (due[k]) {
                nextDue[k] = next[k];
            }
        }
    }

    /** Emits every open candle, so that stopping loses nothing; a later tick for it is a late tick. */
    @Override
    public void flush() {
        advanceTo(clock.millis());
        for (int slot = 0, slots = instruments.capacity(); slot < slots; slot++) {
            InstrumentCandles inst = instruments.valueAt(slot);
            if (inst != null) {
                for (IntervalSeries s : inst.series()) {
                    s.flush(inst, arrived, output);
                }
            }
        }
        Arrays.fill(nextDue, NEVER);
    }

    /** Nothing to release: the aggregator holds memory only. */
    @Override
    public void close() {
    }

    /** The options this aggregator was built with. */
    public AggregatorOptions options() {
        return options;
    }

    /** Ticks handed to {@link #onBatch}, dropped ones included. */
    public long ticksProcessed() {
        return ticksProcessed;
    }

    /** Candles emitted, revisions and empty candles included. */
    public long candlesEmitted() {
        return output.emitted();
    }

    /** Order-book-only ticks ({@link io.tickengine.core.TickMode#DEPTH}) seen and ignored: they are not trades. */
    public long depthTicksIgnored() {
        return depthTicksIgnored;
    }

    /** Ticks dropped because their bucket was final in at least one interval. */
    public long lateTicksDropped() {
        return lateTicksDropped;
    }

    /** Candles open now, across instruments and intervals. */
    public int openCandles() {
        return output.open();
    }

    /** One trade tick, after {@code arrived} took its arrival; {@code time} (the clock) paces the drop log. */
    private void onTick(Tick tick, long time) {
        long token = tick.instrumentToken();
        InstrumentCandles inst = instruments.get(token);
        if (inst == null) {
            inst = newInstrument(token);
        }
        long eventTime = tick.eventTime();
        long volume = tick.volume();
        long delta = volume > 0 ? inst.volumeDelta(volume, tradingDay(eventTime)) : 0;
        long price = tick.lastPrice();
        boolean changed = false;
        boolean dropped = false;
        for (IntervalSeries s : inst.series()) {
            int result = s.addToOpen(eventTime, price, delta, arrived);
            if (result == IntervalSeries.OUTSIDE) {
                inst.observe(tick.exchange(), tick.priceScale());
                result = s.onTick(inst, eventTime, price, delta, arrived, output);
            }
            if (result != IntervalSeries.UPDATED) {
                changed = true;
                dropped |= result == IntervalSeries.DROPPED;
            }
        }
        inst.advanceEventTime(eventTime);
        if (changed) {
            IntervalSeries[] series = inst.series();
            for (int k = 0; k < series.length; k++) {
                nextDue[k] = Math.min(nextDue[k], series[k].nextDeadline(inst));
            }
        }
        if (dropped) {
            onDropped(tick, time);
        }
    }

    private InstrumentCandles newInstrument(long token) {
        IntervalSeries[] series = new IntervalSeries[intervals.length];
        for (int i = 0; i < series.length; i++) {
            series[i] = new IntervalSeries(intervals[i], graceMillis, options.fillGaps(), maxGapFillMillis);
        }
        InstrumentCandles inst = new InstrumentCandles(token, series);
        instruments.put(token, inst);
        return inst;
    }

    private long tradingDay(long eventTime) {
        if (eventTime < dayStart || eventTime >= dayEnd) {
            day = MarketTime.tradingEpochDay(eventTime);
            dayStart = MarketTime.tradingDayStart(eventTime);
            dayEnd = dayStart + DAY_MILLIS;
        }
        return day;
    }

    private void onDropped(Tick tick, long time) {
        lateTicksDropped++;
        droppedSinceLog++;
        if (lastDropLog == NEVER || time - lastDropLog >= 1000) {
            LOG.warn("Dropped {} late tick(s) for final candles (grace {} ms, {} in total); latest {} at {}",
                    droppedSinceLog, graceMillis, lateTicksDropped, tick.displayName(),
                    Instant.ofEpochMilli(tick.eventTime()));
            droppedSinceLog = 0;
            lastDropLog = time;
        }
    }

    /** Advances the clock, and the latest arrival to at most {@link #MAX_ARRIVAL_LAG_MILLIS} behind it. */
    private long advanceTo(long time) {
        if (time > now) {
            now = time;
            arrived = Math.max(arrived, time - MAX_ARRIVAL_LAG_MILLIS);
        }
        return now;
    }
}
