package io.tickengine.cache.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tickengine.cache.redis.internal.CandleJson;
import io.tickengine.cache.redis.internal.LazyConnection;
import io.tickengine.cache.redis.internal.Pipeline;
import io.tickengine.cache.redis.internal.StreamIds;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.OverflowPolicy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes candles as seed 003 lays them out, for every interval: the latest candle
 * ({@code candle:{interval}:latest:{exchange}:{token}}, with a TTL), a capped stream of recent candles
 * ({@code candle:{interval}:stream:...}, {@code MAXLEN ~}) and a publish on
 * {@code pub:candle:{interval}:...}; values are the candle JSON documented in the package. One
 * pipeline per batch. Overflow policy {@link OverflowPolicy#CONFLATE}: under load the newest candle
 * of each instrument, interval and bucket wins (a late revision never replaces the next bucket's candle). Create it with {@link RedisCache#candleSink()}.
 */
public final class RedisCandleSink implements CandleSink {
    /** The sink's name in the engine. */
    public static final String NAME = "redis-candles";
    /** The field holding the candle JSON in a stream entry. */
    public static final String STREAM_FIELD = "c";

    private static final byte[] FIELD = STREAM_FIELD.getBytes(StandardCharsets.US_ASCII);

    private final RedisCacheOptions options;
    private final RedisKeys keys;
    private final LazyConnection connection;
    private final boolean latest;
    private final boolean stream;
    private final boolean publish;
    private final long timeoutNanos;
    private final Pipeline pipeline = new Pipeline();
    private final StreamIds ids = new StreamIds();
    private final Set<String> touchedStreams = new HashSet<>();
    private final Map<String, Long> newestBucket = new HashMap<>();

    private volatile long written;
    private volatile long failures;

    RedisCandleSink(RedisCacheOptions options, LazyConnection connection) {
        this.options = options;
        this.keys = RedisKeys.withPrefix(options.keyPrefix());
        this.connection = connection;
        this.latest = options.isOn(CachePart.CANDLE_LATEST);
        this.stream = options.isOn(CachePart.CANDLE_STREAM);
        this.publish = options.isOn(CachePart.CANDLE_PUBLISH);
        this.timeoutNanos = options.commandTimeout().toNanos();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OverflowPolicy overflowPolicy() {
        return OverflowPolicy.CONFLATE;
    }

    @Override
    public void onCandles(List<Candle> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        StatefulRedisConnection<byte[], byte[]> conn;
        try {
            conn = connection.get();
        } catch (RuntimeException e) {
            failures++;
            throw e;
        }
        RedisAsyncCommands<byte[], byte[]> redis = conn.async();
        pipeline.clear();
        ids.begin();
        touchedStreams.clear();
        try {
            for (int i = 0, n = batch.size(); i < n; i++) {
                write(redis, batch.get(i));
            }
            long streamTtlSeconds = options.candleStreamTtl().toSeconds();
            for (String key : touchedStreams) {
                pipeline.add(redis.expire(bytes(key), streamTtlSeconds));
            }
        } finally {
            conn.flushCommands();
        }
        try {
            pipeline.await(timeoutNanos, "candle batch of " + batch.size());
        } catch (RuntimeException e) {
            ids.begin();
            failures++;
            throw e;
        }
        ids.commit();
        written += batch.size();
    }

    @Override
    public void close() {
        connection.close();
    }

    /** Candles written so far. */
    public long written() {
        return written;
    }

    /** Failed batch attempts so far. */
    public long failures() {
        return failures;
    }

    private void write(RedisAsyncCommands<byte[], byte[]> redis, Candle c) {
        byte[] json = CandleJson.write(c).getBytes(StandardCharsets.UTF_8);
        if (latest && isNewest(c)) {
            long ttl = Math.max(options.candleLatestTtl().toMillis(), 2 * c.interval().millis());
            pipeline.add(redis.set(bytes(keys.latestCandle(c.interval(), c.exchange(), c.instrumentToken())), json,
                    SetArgs.Builder.px(ttl)));
        }
        if (stream) {
            String key = keys.candleStream(c.interval(), c.exchange(), c.instrumentToken());
            // A late revision of an older bucket is filed after the stream's last entry; readers
            // order by the bucket start in the document and keep the highest revision.
            ids.assign(key, c.bucketStart(), c.revision());
            XAddArgs args = new XAddArgs().id(ids.ms() + "-" + ids.seq()).maxlen(options.candleStreamMaxLen())
                    .approximateTrimming();
            pipeline.addXadd(redis.xadd(bytes(key), args, FIELD, json));
            touchedStreams.add(key);
        }
        if (publish) {
            pipeline.add(redis.publish(bytes(keys.candleChannel(c.interval(), c.exchange(), c.instrumentToken())), json));
        }
    }

    /** Whether no candle of a later bucket of the same series was written; a late revision must not replace it. */
    private boolean isNewest(Candle c) {
        String series = c.interval().label() + ':' + c.instrumentToken() + ':' + c.exchange();
        Long newest = newestBucket.get(series);
        if (newest != null && newest > c.bucketStart()) {
            return false;
        }
        newestBucket.put(series, c.bucketStart());
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
