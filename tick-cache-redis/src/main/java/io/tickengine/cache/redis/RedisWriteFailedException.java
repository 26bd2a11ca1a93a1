package io.tickengine.cache.redis;

/** Thrown when Redis refused or lost some commands of a batch; the engine retries the batch. */
public class RedisWriteFailedException extends RedisCacheException {
    private static final long serialVersionUID = 1L;

    public RedisWriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
