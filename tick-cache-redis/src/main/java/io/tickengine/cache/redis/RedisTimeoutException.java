package io.tickengine.cache.redis;

/** Thrown when Redis did not answer a batch or a query within the command timeout. */
public class RedisTimeoutException extends RedisCacheException {
    private static final long serialVersionUID = 1L;

    public RedisTimeoutException(String message) {
        super(message);
    }
}
