package io.tickengine.cache.redis;

/** The parts of the Redis cache that can be switched on and off in {@link RedisCacheOptions}. */
public enum CachePart {
    /** Intraday tick history per trading date and symbol ({@code ticks:{date}:{symbol}}). */
    TICK_HISTORY,
    /** The latest tick per instrument ({@code tick:latest:{token}}). */
    LATEST_TICK,
    /** Batched tick fan-out on {@code ticks:{token}} channels. */
    TICK_PUBLISH,
    /** The latest candle per instrument and interval. */
    CANDLE_LATEST,
    /** Recent candles per instrument and interval in a capped stream. */
    CANDLE_STREAM,
    /** Candle fan-out on {@code pub:candle:...} channels. */
    CANDLE_PUBLISH
}
