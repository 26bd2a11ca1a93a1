package io.tickengine.core.sink;

/** What the engine does when a sink's buffer is full. Each sink declares its own. */
public enum OverflowPolicy {
    /** Discard the oldest buffered item to make room; every discard is counted. For live views. */
    DROP_OLDEST,
    /**
     * Keep only the latest item per key (instrument; for candles instrument, interval and whether the
     * bucket is odd or even, so a late revision never replaces the next bucket's candle). The sink always
     * sees the newest state; replaced items are counted as conflated. For broadcast.
     */
    CONFLATE,
    /**
     * Never discard. The engine's buffer grows up to its bound while the sink is slow, and the
     * backlog is visible in the sink's stats; the sink must keep up by buffering or spilling to disk
     * itself (a database writer does). Only a sink that stays stuck past that bound loses data, and
     * that loss is counted and reported as an overflow.
     */
    NEVER_DROP
}
