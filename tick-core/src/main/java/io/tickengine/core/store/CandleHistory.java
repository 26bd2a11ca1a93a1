package io.tickengine.core.store;

import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import java.util.List;
import java.util.OptionalLong;

/**
 * Queries over stored candles (seed 003). Results are ordered by bucket start and hold at most
 * {@code limit} candles; a candle revised by late ticks is stored once, in its latest revision.
 * Implementations are thread-safe.
 */
public interface CandleHistory {
    /** Candles of one instrument and interval whose bucket starts in the range. */
    List<Candle> candles(long instrumentToken, CandleInterval interval, TimeRange range, int limit);

    /** Start of the last stored bucket of an instrument and interval, for restart recovery; empty when none. */
    OptionalLong lastCandleStart(long instrumentToken, CandleInterval interval);
}
