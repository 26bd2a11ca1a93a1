package io.tickengine.cache.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.tickengine.cache.redis.internal.CandleJson;
import io.tickengine.cache.redis.internal.LazyConnection;
import io.tickengine.cache.redis.internal.LegacyTickJson;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.codec.MalformedTickFrameException;
import io.tickengine.core.codec.TickCodec;
import io.tickengine.core.time.MarketTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Queries over what the sinks cached: today's ticks of a symbol, the last minutes of them, latest
 * ticks and candles. Time windows read only the entries in the window (XRANGE by time), never the
 * whole day, except in the legacy List layout, which has no index. Every failure is a
 * {@link RedisCacheException}, also when Redis holds something the cache did not write (a malformed
 * tick frame, for example). Thread-safe.
 */
public final class RedisCacheReader implements AutoCloseable {
    private final RedisCacheOptions options;
    private final RedisKeys keys;
    private final LazyConnection connection;

    RedisCacheReader(RedisCacheOptions options, LazyConnection connection) {
        this.options = options;
        this.keys = RedisKeys.withPrefix(options.keyPrefix());
        this.connection = connection;
    }

    /** Every cached tick of a symbol on today's IST trading date, oldest first. */
    public List<Tick> ticksToday(String symbol) {
        return ticksOn(symbol, MarketTime.tradingDate(options.clock().millis()));
    }

    /** Every cached tick of a symbol on an IST trading date, oldest first. */
    public List<Tick> ticksOn(String symbol, LocalDate tradingDate) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tradingDate, "tradingDate");
        return call(redis -> read(redis, keys.tickHistory(tradingDate, symbol), Long.MIN_VALUE));
    }

    /** The cached ticks of a symbol from {@code window} ago until now, oldest first. */
    public List<Tick> ticksSince(String symbol, Duration window) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(window, "window");
        long now = options.clock().millis();
        long from = now - window.toMillis();
        return call(redis -> {
            List<Tick> out = new ArrayList<>();
            for (LocalDate d = MarketTime.tradingDate(from); !d.isAfter(MarketTime.tradingDate(now)); d = d.plusDays(1)) {
                out.addAll(read(redis, keys.tickHistory(d, symbol), from));
            }
            return out;
        });
    }

    /** The latest cached tick of an instrument, or null when there is none. */
    public Tick latest(long instrumentToken) {
        String key = keys.latestTick(instrumentToken);
        byte[] frame = call(redis -> redis.get(bytes(key)));
        return frame == null ? null : firstTick(frame, key);
    }

    /** The latest cached ticks of those instruments that have one, in the given order. */
    public List<Tick> latest(Collection<Long> instrumentTokens) {
        Objects.requireNonNull(instrumentTokens, "instrumentTokens");
        if (instrumentTokens.isEmpty()) {
            return List.of();
        }
        byte[][] k = instrumentTokens.stream().map(t -> bytes(keys.latestTick(t))).toArray(byte[][]::new);
        List<KeyValue<byte[], byte[]>> values = call(redis -> redis.mget(k));
        List<Tick> out = new ArrayList<>(values.size());
        for (KeyValue<byte[], byte[]> kv : values) {
            if (kv.hasValue()) {
                out.add(firstTick(kv.getValue(), new String(kv.getKey(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** The latest candle of an instrument and interval, or null when there is none (or it expired). */
    public Candle latestCandle(CandleInterval interval, Exchange exchange, long instrumentToken) {
        byte[] json = call(redis -> redis.get(bytes(keys.latestCandle(interval, exchange, instrumentToken))));
        return json == null ? null : CandleJson.read(new String(json, StandardCharsets.UTF_8));
    }

    /**
     * Up to {@code count} most recent candles of an instrument and interval, oldest first, each bucket
     * once in its latest revision.
     */
    public List<Candle> recentCandles(CandleInterval interval, Exchange exchange, long instrumentToken, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        byte[] key = bytes(keys.candleStream(interval, exchange, instrumentToken));
        List<StreamMessage<byte[], byte[]>> entries = call(redis -> redis.xrevrange(key, Range.unbounded(),
                Limit.from(2L * count + 8)));
        TreeMap<Long, Candle> byBucket = new TreeMap<>();
        for (StreamMessage<byte[], byte[]> e : entries) {
            Candle c = CandleJson.read(new String(field(e, RedisCandleSink.STREAM_FIELD), StandardCharsets.UTF_8));
            byBucket.merge(c.bucketStart(), c, (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        List<Candle> out = new ArrayList<>(byBucket.values());
        out.sort(Comparator.comparingLong(Candle::bucketStart));
        return out.subList(Math.max(0, out.size() - count), out.size());
    }

    @Override
    public void close() {
        connection.close();
    }

    private List<Tick> read(RedisCommands<byte[], byte[]> redis, String key, long fromMillis) {
        byte[] k = bytes(key);
        List<Tick> out = new ArrayList<>();
        if (options.legacyTickList()) {
            for (byte[] json : redis.lrange(k, 0, -1)) {
                Tick t = LegacyTickJson.read(new String(json, StandardCharsets.UTF_8));
                if (t.eventTime() >= fromMillis) {
                    out.add(t);
                }
            }
            return out;
        }
        Range<String> range = fromMillis == Long.MIN_VALUE ? Range.unbounded()
                : Range.from(Range.Boundary.including(Math.max(0, fromMillis) + "-0"), Range.Boundary.unbounded());
        for (StreamMessage<byte[], byte[]> e : redis.xrange(k, range)) {
            decode(field(e, RedisTickSink.STREAM_FIELD), key, out::add);
        }
        return out;
    }

    private static Tick firstTick(byte[] frame, String key) {
        List<Tick> ticks = new ArrayList<>(1);
        if (decode(frame, key, ticks::add) == 0) {
            throw new RedisCacheException(key + " holds a tick frame without ticks");
        }
        return ticks.get(0);
    }

    /** Decodes a frame read from {@code key}; one that is malformed fails as a {@link RedisCacheException}. */
    private static int decode(byte[] frame, String key, Consumer<Tick> out) {
        try {
            return TickCodec.decode(frame, out);
        } catch (MalformedTickFrameException e) {
            throw new RedisCacheException(key + " holds a malformed tick frame: " + e.getMessage(), e);
        }
    }

    private static byte[] field(StreamMessage<byte[], byte[]> e, String name) {
        for (Map.Entry<byte[], byte[]> f : e.getBody().entrySet()) {
            if (new String(f.getKey(), StandardCharsets.UTF_8).equals(name)) {
                return f.getValue();
            }
        }
        throw new RedisCacheException("stream entry " + e.getId() + " has no field " + name);
    }

    private <T> T call(Function<RedisCommands<byte[], byte[]>, T> query) {
        try {
            return query.apply(connection.get().sync());
        } catch (RedisCommandTimeoutException e) {
            throw new RedisTimeoutException("query timed out after " + options.commandTimeout().toMillis() + " ms");
        } catch (RedisException e) {
            throw new RedisCacheException("query failed: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
