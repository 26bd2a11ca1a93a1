package io.tickengine.cache.redis;

/** Thrown when no connection to Redis could be opened; the next call tries again. */
public class RedisUnavailableException extends RedisCacheException {
    private static final long serialVersionUID = 1L;

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
