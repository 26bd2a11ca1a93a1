package io.tickengine.cache.redis;

import io.tickengine.core.TickException;

/** Root of the exceptions thrown by the Redis cache; subclasses say what failed. */
public class RedisCacheException extends TickException {
    private static final long serialVersionUID = 1L;

    public RedisCacheException(String message) {
        super(message);
    }

    public RedisCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
