package io.tickengine.cache.redis;

import io.tickengine.cache.redis.internal.LazyConnection;
import io.tickengine.cache.redis.internal.RedisConnector;
import io.tickengine.core.source.ReconnectPolicy;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the Redis cache: owns the Redis clients and hands out the sinks, the reader, the
 * instrument list cache and tick sources, all configured by one {@link RedisCacheOptions}. Nothing
 * connects until first used, so a cache can be created while Redis is down.
 *
 * <pre>{@code
 * RedisCache cache = RedisCache.create(RedisCacheOptions.builder().uri("redis://127.0.0.1:6379").build());
 * TickEngine engine = TickEngine.builder().source(kite).sink(cache.tickSink()).candleSink(cache.candleSink()).build();
 * }</pre>
 */
public final class RedisCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCache.class);

    private final RedisCacheOptions options;
    private final RedisConnector connector;
    private final LazyConnection shared;
    private final RedisCacheReader reader;
    private final InstrumentListCache instruments;

    private RedisCache(RedisCacheOptions options) {
        this.options = options;
        this.connector = new RedisConnector(options);
        this.shared = new LazyConnection(connector, false);
        this.reader = new RedisCacheReader(options, shared);
        this.instruments = new InstrumentListCache(options, shared);
        LOG.info("redis cache for {} with prefix '{}' and parts {}", options.maskedUri(), options.keyPrefix(),
                options.parts());
    }

    /** A cache with these options; connects lazily. */
    public static RedisCache create(RedisCacheOptions options) {
        return new RedisCache(Objects.requireNonNull(options, "options"));
    }

    /** The options this cache was created with. */
    public RedisCacheOptions options() {
        return options;
    }

    /** The key and channel names in use. */
    public RedisKeys keys() {
        return RedisKeys.withPrefix(options.keyPrefix());
    }

    /** A new tick sink with its own pipelined connection; give each engine its own. */
    public RedisTickSink tickSink() {
        // Auto-flush on: the sink hands each batch over as one collection, which Lettuce writes and flushes once.
        return new RedisTickSink(options, new LazyConnection(connector, false));
    }

    /** A new candle sink with its own pipelined connection. */
    public RedisCandleSink candleSink() {
        return new RedisCandleSink(options, new LazyConnection(connector, true));
    }

    /** Queries over the cache; shared and thread-safe. */
    public RedisCacheReader reader() {
        return reader;
    }

    /** The instrument list cache; shared and thread-safe. */
    public InstrumentListCache instruments() {
        return instruments;
    }

    /** A new source of the ticks published in this cache's keyspace, retrying its first connection forever. */
    public RedisTickSource tickSource(String name) {
        return tickSource(name, ReconnectPolicy.create());
    }

    /** A new source of the ticks published in this cache's keyspace. */
    public RedisTickSource tickSource(String name, ReconnectPolicy firstConnect) {
        return new RedisTickSource(name, connector, firstConnect);
    }

    /** Whether Redis answers a PING within the command timeout; never throws. */
    public boolean ping() {
        try {
            return "PONG".equals(shared.get().sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closes the shared connection and the clients; close sinks and sources (or their engine) first. */
    @Override
    public void close() {
        shared.close();
        connector.close();
    }

    @Override
    public String toString() {
        return "RedisCache{" + options.maskedUri() + ", prefix='" + options.keyPrefix() + "'}";
    }
}
