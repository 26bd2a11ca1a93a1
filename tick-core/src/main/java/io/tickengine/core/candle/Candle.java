package io.tickengine.core.candle;

import io.tickengine.core.Exchange;
import io.tickengine.core.Prices;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * OHLC of one instrument over one bucket. Prices are exact fixed-point at {@code priceScale}.
 * A candle is emitted when its bucket closes; if a late tick inside the grace window changes it, it
 * is emitted again with a higher {@code revision}. A candle with {@code tickCount == 0} is a
 * gap-filling empty candle that carries the previous close.
 *
 * @param instrumentToken the instrument
 * @param exchange the exchange, when known
 * @param interval the bucket length
 * @param bucketStart bucket start, epoch milliseconds UTC
 * @param priceScale decimal places of the prices
 * @param open first price in the bucket
 * @param high highest price
 * @param low lowest price
 * @param close last price
 * @param volume traded volume in the bucket (delta of the cumulative day volume)
 * @param tickCount ticks aggregated
 * @param revision 0 on first emission, incremented by each late update
 */
public record Candle(long instrumentToken, Exchange exchange, CandleInterval interval, long bucketStart,
                     int priceScale, long open, long high, long low, long close, long volume, int tickCount,
                     int revision) {
    public Candle {
        Objects.requireNonNull(interval, "interval");
    }

    /** End of the bucket (exclusive), epoch milliseconds UTC. */
    public long bucketEnd() {
        return interval.bucketEnd(bucketStart);
    }

    /**
     * The bucket's number at its interval, counted from the epoch: consecutive buckets differ by one.
     */
    public long bucketIndex() {
        return Math.floorDiv(bucketStart, interval.millis());
    }

    /**
     * The key under which a buffer that keeps only the latest candle (a conflating sink, a slow client's
     * buffer) keeps this one: instrument, interval and whether the bucket is odd or even. A late revision of
     * bucket N then replaces only an older revision of N, never the next bucket's candle, which a key
     * without the bucket would lose. Buckets of one parity are two intervals apart, and a bucket takes
     * revisions only until the aggregator's input time passes its end plus the grace period (1 s by
     * default), before the bucket two later can close by that same time; so with a grace shorter than two
     * intervals a key holds one bucket's latest revision or the newer bucket's candle (a tick whose
     * exchange time runs more than the grace ahead of its arrival can still close a bucket early). Two keys
     * per series keep such buffers bounded.
     */
    public long conflationKey() {
        return (((instrumentToken << 17) | interval.seconds()) << 1) | (bucketIndex() & 1);
    }

    /** Whether this is a gap-filling candle with no ticks. */
    public boolean isEmpty() {
        return tickCount == 0;
    }

    public BigDecimal openDecimal() {
        return Prices.toBigDecimal(open, priceScale);
    }

    public BigDecimal highDecimal() {
        return Prices.toBigDecimal(high, priceScale);
    }

    public BigDecimal lowDecimal() {
        return Prices.toBigDecimal(low, priceScale);
    }

    public BigDecimal closeDecimal() {
        return Prices.toBigDecimal(close, priceScale);
    }
}
