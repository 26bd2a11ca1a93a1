package io.tickengine.cache.redis;

import io.lettuce.core.ExpireArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tickengine.cache.redis.internal.ByteWriter;
import io.tickengine.cache.redis.internal.LazyConnection;
import io.tickengine.cache.redis.internal.LegacyTickJson;
import io.tickengine.cache.redis.internal.LongLongMap;
import io.tickengine.cache.redis.internal.Pipeline;
import io.tickengine.cache.redis.internal.StreamIds;
import io.tickengine.cache.redis.internal.TickWire;
import io.tickengine.core.Tick;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.time.MarketTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Caches ticks in Redis: intraday history per trading date and symbol, the latest tick per
 * instrument, and batched pub/sub fan-out (see the package documentation for the layout). Each batch
 * is one pipeline, flushed once, whose replies are awaited with the command timeout; a failure throws
 * so that the engine retries and, while Redis is down, opens the circuit and counts the drops.
 * Retried batches are harmless: ticks already written (by ingest sequence) are skipped. Overflow
 * policy {@link OverflowPolicy#DROP_OLDEST}: the cache is not the source of truth, a slow Redis must
 * cost old ticks, never memory or ingestion. Create it with {@link RedisCache#tickSink()}.
 */
public final class RedisTickSink implements TickSink {
    /** The sink's name in the engine. */
    public static final String NAME = "redis-ticks";
    /** The field holding the {@link TickCodec} frame in a history stream entry. */
    public static final String STREAM_FIELD = "d";

    private static final byte[] FIELD = STREAM_FIELD.getBytes(StandardCharsets.US_ASCII);

    private final RedisCacheOptions options;
    private final RedisKeys keys;
    private final LazyConnection connection;
    private final boolean history;
    private final boolean latest;
    private final boolean publish;
    private final boolean legacy;
    private final long historyTtlSeconds;
    private final SetArgs latestArgs;
    private final ExpireArgs createdOnly = ExpireArgs.Builder.nx();
    private final long timeoutNanos;

    private final Pipeline pipeline = new Pipeline();
    private final StreamIds ids = new StreamIds();
    private final LongLongMap seen = new LongLongMap(4096);
    private final LongLongMap batchSeen = new LongLongMap(1024);
    private final Map<Long, Tick> latestOfBatch = new HashMap<>();
    private final Map<String, HistoryKey> historyKeys = new HashMap<>();
    private final List<HistoryKey> touched = new ArrayList<>();
    private final Map<Long, byte[]> latestKeys = new HashMap<>();
    private final Map<Long, byte[]> channels = new HashMap<>();
    private final List<Tick> accepted = new ArrayList<>();
    private final List<Tick> pubBuffer = new ArrayList<>();
    private final Map<Long, List<Tick>> pubGroups = new LinkedHashMap<>();
    private final ByteWriter buf = new ByteWriter(4096);
    private long pubBufferSince;
    private int batchNo;

    private volatile long batches;
    private volatile long written;
    private volatile long duplicates;
    private volatile long staleIds;
    private volatile long published;
    private volatile long publishDropped;
    private volatile long failures;
    private volatile boolean failing;
    private volatile String lastFailure = "";

    RedisTickSink(RedisCacheOptions options, LazyConnection connection) {
        this.options = options;
        this.keys = RedisKeys.withPrefix(options.keyPrefix());
        this.connection = connection;
        this.history = options.isOn(CachePart.TICK_HISTORY);
        this.latest = options.isOn(CachePart.LATEST_TICK);
        this.publish = options.isOn(CachePart.TICK_PUBLISH);
        this.legacy = options.legacyTickList();
        this.historyTtlSeconds = options.tickHistoryTtl().toSeconds();
        this.latestArgs = SetArgs.Builder.px(options.latestTickTtl().toMillis());
        this.timeoutNanos = options.commandTimeout().toNanos();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OverflowPolicy overflowPolicy() {
        return OverflowPolicy.DROP_OLDEST;
    }

    @Override
    public void onBatch(List<Tick> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        StatefulRedisConnection<byte[], byte[]> conn = connect();
        RedisAsyncCommands<byte[], byte[]> redis = conn.async();
        pipeline.clear();
        ids.begin();
        batchSeen.clear();
        latestOfBatch.clear();
        touched.clear();
        accepted.clear();
        batchNo++;
        boolean publishing = false;
        try {
            for (int i = 0, n = batch.size(); i < n; i++) {
                Tick t = batch.get(i);
                long seq = t.ingestSequence();
                if (seq > 0) {
                    long token = t.instrumentToken();
                    if (seq <= batchSeen.get(token, seen.get(token, 0))) {
                        duplicates++;
                        continue;
                    }
                    batchSeen.put(token, seq);
                }
                accepted.add(t);
                if (history) {
                    writeHistory(redis, t);
                }
                if (latest) {
                    latestOfBatch.put(t.instrumentToken(), t);
                }
            }
            for (HistoryKey k : touched) {
                pipeline.add(redis.expire(k.bytes, historyTtlSeconds, createdOnly));
            }
            for (Tick t : latestOfBatch.values()) {
                pipeline.add(redis.set(latestKey(t.instrumentToken()), frameOf(t), latestArgs));
            }
            publishing = publish && pubBuffer.size() + accepted.size() >= options.publishMaxTicks();
            if (publishing) {
                queuePublishes(redis, pubBuffer, accepted);
            }
        } finally {
            conn.flushCommands();
        }
        try {
            pipeline.await(timeoutNanos, "tick batch of " + batch.size());
        } catch (RuntimeException e) {
            ids.begin();
            if (publishing) {
                publishDropped += pubBuffer.size();
                pubBuffer.clear();
            }
            throw failed(e);
        }
        ids.commit();
        batchSeen.forEach(seen::put);
        staleIds += pipeline.staleIds();
        written += accepted.size();
        batches++;
        failing = false;
        if (publishing) {
            published += pubBuffer.size() + accepted.size();
            pubBuffer.clear();
        } else if (publish && !accepted.isEmpty()) {
            if (pubBuffer.isEmpty()) {
                pubBufferSince = options.clock().millis();
            }
            pubBuffer.addAll(accepted);
        }
        accepted.clear();
    }

    /** Publishes buffered ticks once they waited for the publish interval. */
    @Override
    public void onTimer(long nowMillis) throws Exception {
        if (!pubBuffer.isEmpty() && options.clock().millis() - pubBufferSince >= options.publishInterval().toMillis()) {
            publishBuffered();
        }
    }

    /** Publishes whatever is buffered. */
    @Override
    public void flush() throws Exception {
        if (!pubBuffer.isEmpty()) {
            publishBuffered();
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    /** A snapshot of this sink's counters; safe from any thread. */
    public TickCacheStats stats() {
        return new TickCacheStats(batches, written, duplicates, staleIds, published, publishDropped, failures, failing,
                lastFailure);
    }

    private void publishBuffered() throws InterruptedException {
        int n = pubBuffer.size();
        try {
            StatefulRedisConnection<byte[], byte[]> conn = connect();
            pipeline.clear();
            queuePublishes(conn.async(), pubBuffer, List.of());
            conn.flushCommands();
            pipeline.await(timeoutNanos, "publish of " + n + " ticks");
        } catch (RuntimeException e) {
            publishDropped += n;
            throw failed(e);
        } finally {
            pubBuffer.clear();
        }
        published += n;
        failing = false;
    }

    private void writeHistory(RedisAsyncCommands<byte[], byte[]> redis, Tick t) {
        String symbol = t.tradingSymbol() != null ? t.tradingSymbol() : Long.toString(t.instrumentToken());
        long time = t.eventTime();
        HistoryKey k = historyKey(symbol, MarketTime.tradingEpochDay(time));
        if (k.touchedIn != batchNo) {
            k.touchedIn = batchNo;
            touched.add(k);
        }
        if (legacy) {
            pipeline.add(redis.rpush(k.bytes, LegacyTickJson.write(t, symbol).getBytes(StandardCharsets.UTF_8)));
            return;
        }
        ids.assign(k.name, time, t.ingestSequence());
        XAddArgs args = new XAddArgs().id(ids.ms() + "-" + ids.seq());
        pipeline.addXadd(redis.xadd(k.bytes, args, FIELD, frameOf(t)));
    }

    private void queuePublishes(RedisAsyncCommands<byte[], byte[]> redis, List<Tick> first, List<Tick> second) {
        pubGroups.clear();
        for (Tick t : first) {
            pubGroups.computeIfAbsent(t.instrumentToken(), k -> new ArrayList<>()).add(t);
        }
        for (Tick t : second) {
            pubGroups.computeIfAbsent(t.instrumentToken(), k -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<Long, List<Tick>> e : pubGroups.entrySet()) {
            buf.reset().writeByte(TickWire.VERSION);
            for (Tick t : e.getValue()) {
                TickWire.writeTick(buf, t);
            }
            byte[] channel = channels.computeIfAbsent(e.getKey(),
                    token -> keys.tickChannel(token).getBytes(StandardCharsets.UTF_8));
            pipeline.add(redis.publish(channel, buf.toByteArray()));
        }
        pubGroups.clear();
    }

    private byte[] frameOf(Tick t) {
        buf.reset().writeByte(TickWire.VERSION);
        TickWire.writeTick(buf, t);
        return buf.toByteArray();
    }

    private byte[] latestKey(long token) {
        return latestKeys.computeIfAbsent(token, k -> keys.latestTick(k).getBytes(StandardCharsets.UTF_8));
    }

    private HistoryKey historyKey(String symbol, long epochDay) {
        HistoryKey k = historyKeys.get(symbol);
        if (k == null || k.epochDay != epochDay) {
            String name = keys.tickHistory(java.time.LocalDate.ofEpochDay(epochDay), symbol);
            k = new HistoryKey(epochDay, name);
            historyKeys.put(symbol, k);
        }
        return k;
    }

    private StatefulRedisConnection<byte[], byte[]> connect() {
        try {
            return connection.get();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private RuntimeException failed(RuntimeException e) {
        failures++;
        failing = true;
        lastFailure = String.valueOf(e.getMessage());
        return e;
    }

    /** A history key of one symbol and day, with its bytes and the last batch that wrote to it. */
    private static final class HistoryKey {
        final long epochDay;
        final String name;
        final byte[] bytes;
        int touchedIn;

        HistoryKey(long epochDay, String name) {
            this.epochDay = epochDay;
            this.name = name;
            this.bytes = name.getBytes(StandardCharsets.UTF_8);
        }
    }
}
