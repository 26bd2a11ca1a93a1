package io.tickengine.core.candle.internal;

import io.tickengine.core.Exchange;

/**
 * Everything the aggregator keeps for one instrument: its series (one per interval), the state of the
 * cumulative day volume and the latest event time, so that one map lookup serves a tick.
 */
public final class InstrumentCandles {
    private final long instrumentToken;
    private final IntervalSeries[] series;
    private Exchange exchange;
    private int priceScale;
    private long lastEventTime = Long.MIN_VALUE;
    private boolean volumeSeen;
    private long maxCumulativeVolume;
    private long volumeDay;

    /** State for one instrument with a series per interval, shortest interval first. */
    public InstrumentCandles(long instrumentToken, IntervalSeries[] series) {
        this.instrumentToken = instrumentToken;
        this.series = series;
    }

    /** Records the exchange and price scale of a tick that opens or revises a candle; candles carry them. */
    public void observe(Exchange exchange, int priceScale) {
        this.exchange = exchange;
        this.priceScale = priceScale;
    }

    /**
     * The volume a tick adds, from its cumulative day volume (positive) and trading day: 0 on first
     * sight, the whole volume on a later day, 0 for an earlier day, else the growth over the largest
     * cumulative volume seen.
     */
    public long volumeDelta(long cumulativeVolume, long tradingDay) {
        if (!volumeSeen) {
            volumeSeen = true;
            maxCumulativeVolume = cumulativeVolume;
            volumeDay = tradingDay;
            return 0;
        }
        if (tradingDay > volumeDay) {
            maxCumulativeVolume = cumulativeVolume;
            volumeDay = tradingDay;
            return cumulativeVolume;
        }
        if (tradingDay < volumeDay || cumulativeVolume <= maxCumulativeVolume) {
            return 0;
        }
        long delta = cumulativeVolume - maxCumulativeVolume;
        maxCumulativeVolume = cumulativeVolume;
        return delta;
    }

    /** Raises the latest event time seen for this instrument. */
    public void advanceEventTime(long eventTime) {
        if (eventTime > lastEventTime) {
            lastEventTime = eventTime;
        }
    }

    /** The series, one per interval. */
    public IntervalSeries[] series() {
        return series;
    }

    /** The instrument. */
    public long instrumentToken() {
        return instrumentToken;
    }

    /** Exchange of the latest tick that opened or revised a candle. */
    public Exchange exchange() {
        return exchange;
    }

    /** Price scale of the latest tick that opened or revised a candle. */
    public int priceScale() {
        return priceScale;
    }

    /** The largest event time of any tick seen, or {@link Long#MIN_VALUE} before the first. */
    public long lastEventTime() {
        return lastEventTime;
    }
}
