package io.tickengine.cache.redis;

/** Thrown when bytes read from Redis are not a {@link TickCodec} frame this version understands. */
public class MalformedTickFrameException extends RedisCacheException {
    private static final long serialVersionUID = 1L;

    public MalformedTickFrameException(String message) {
        super(message);
    }
}
