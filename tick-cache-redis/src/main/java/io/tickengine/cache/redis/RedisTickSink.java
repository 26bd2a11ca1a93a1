package io.tickengine.cache.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.VoidOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.tickengine.cache.redis.internal.HistoryWrites;
import io.tickengine.cache.redis.internal.LastBatch;
import io.tickengine.cache.redis.internal.LazyConnection;
import io.tickengine.cache.redis.internal.PendingTicks;
import io.tickengine.cache.redis.internal.Pipeline;
import io.tickengine.core.Tick;
import io.tickengine.core.codec.TickCodec;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Caches ticks in Redis: intraday history per trading date and symbol, the latest tick per
 * instrument, and batched pub/sub fan-out (see the package documentation for the layout). A batch is
 * one pipeline of plain commands: an XADD per tick (an RPUSH per key in the legacy List layout),
 * EXPIRE NX after a key's first write, SET of the conflated latest ticks and PUBLISH of the buffered
 * frames, handed to Lettuce in runs of {@link Pipeline#DISPATCH_COMMANDS} as they are built (one
 * flush each, so Redis starts on the batch while the rest is encoded). All replies are awaited with
 * the command timeout before {@link #onBatch} returns; a failure throws so the engine retries and,
 * while Redis is down, opens the circuit and counts the drops. Every tick given is written, whatever its ingest sequence: ticks of one
 * instrument from two source threads can arrive with their sequences out of order. Only the batch
 * delivered again (the engine retries a failed batch with the same ticks) is deduplicated: once
 * written it is skipped (counted); after a failed attempt, history IDs are deterministic, so Redis
 * refuses an entry it already has (counted, not a failure), SET of the latest tick is idempotent, and
 * ticks whose failed attempt already went out in a PUBLISH are not published again (pub/sub is at
 * most once: they count as dropped). The legacy List layout has no IDs, so its RPUSH per key (and
 * EXPIRE NX) go in one MULTI/EXEC, and a failed batch closes the connection: a transaction Redis has
 * received but not run yet (paused, for example) is then discarded instead of applied behind the
 * retry. A retry appends again if EXEC ran and its reply was lost, if Redis refused one of the
 * transaction's commands (it has no rollback, the others stay), or if the transaction was still
 * unread in the server's socket buffer when the connection closed (Redis reads and runs it before it
 * sees the close). Overflow policy
 * {@link OverflowPolicy#DROP_OLDEST}: the cache is not the source of truth, so a slow Redis costs old
 * ticks, never memory or ingestion. Create it with {@link RedisCache#tickSink()}.
 */
public final class RedisTickSink implements TickSink {
    /** The sink's name in the engine. */
    public static final String NAME = "redis-ticks";
    /** The field holding the {@link TickCodec} frame in a history stream entry. */
    public static final String STREAM_FIELD = "d";
    private static final byte[] PX = {'P', 'X'};

    private final RedisCacheOptions options;
    private final RedisKeys keys;
    private final LazyConnection connection;
    private final boolean history;
    private final boolean latest;
    private final boolean publish;
    private final long latestTtlMillis;
    private final long latestIntervalMillis;
    private final long timeoutNanos;

    private final Pipeline pipeline = new Pipeline();
    private final HistoryWrites historyWrites;
    private final Map<Long, byte[]> latestKeys = new HashMap<>();
    private final Map<Long, byte[]> channels = new HashMap<>();
    private final List<Tick> accepted = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();
    /** The batch's ticks to publish (with their frames): all of them, or none when its failed attempt published them. */
    private List<Tick> publishNow = List.of();
    private List<byte[]> publishFrames = List.of();
    private final PendingTicks toPublish = PendingTicks.everyTick();
    private final PendingTicks latestPending = PendingTicks.newestPerInstrument();
    private boolean publishing;
    private long timerRetryAt;
    private final LastBatch last = new LastBatch();

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
        this.historyWrites = new HistoryWrites(pipeline, keys, STREAM_FIELD.getBytes(StandardCharsets.US_ASCII),
                options.tickHistoryTtl().toSeconds(), options.legacyTickList());
        this.latestTtlMillis = options.latestTickTtl().toMillis();
        this.latestIntervalMillis = options.latestTickInterval().toMillis();
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
        if (!batch.isEmpty()) {
            attempt(batch, false);
        }
    }

    /** Publishes buffered ticks and writes conflated latest ticks once their interval has passed. */
    @Override
    public void onTimer(long nowMillis) throws Exception {
        long now = options.clock().millis();
        if (now < timerRetryAt) {
            return;
        }
        if (toPublish.waited(now, options.publishInterval().toMillis()) || latestPending.waited(now, latestIntervalMillis)) {
            try {
                attempt(List.of(), false);
            } catch (RuntimeException e) {
                // While Redis is away, the timer tries again after an interval, not every few milliseconds.
                timerRetryAt = now + Math.max(options.publishInterval().toMillis(), latestIntervalMillis);
                throw e;
            }
        }
    }

    /** Publishes and writes everything buffered. */
    @Override
    public void flush() throws Exception {
        if (!toPublish.isEmpty() || !latestPending.isEmpty()) {
            attempt(List.of(), true);
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

    /** Writes a batch and whatever buffer is due; on failure forgets the attempt's provisional state. */
    private void attempt(List<Tick> batch, boolean force) throws InterruptedException {
        try {
            write(batch, force);
        } catch (RuntimeException e) {
            historyWrites.failed();
            if (pipeline.hasTransaction()) {
                // A MULTI/EXEC Redis has received but not run must not run behind the retry: it discards
                // it when the connection goes, and the next attempt opens a new one.
                connection.close();
            }
            if (publishing) {
                // At most once: the PUBLISH may have reached subscribers, so neither the buffer nor the
                // batch's ticks are published again.
                publishDropped += toPublish.size() + publishNow.size();
                toPublish.clear();
                publishing = false;
                if (!publishNow.isEmpty()) {
                    last.markPublished();
                }
            }
            publishNow = List.of();
            publishFrames = List.of();
            failures++;
            failing = true;
            lastFailure = String.valueOf(e.getMessage());
            throw e;
        }
    }

    private void write(List<Tick> batch, boolean force) throws InterruptedException {
        pipeline.begin(connection.get());
        accept(batch);
        long now = options.clock().millis();
        int buffered = toPublish.size() + publishNow.size();
        publishing = publish && buffered > 0 && (force || buffered >= options.publishMaxTicks()
                || toPublish.waited(now, options.publishInterval().toMillis()));
        boolean latestDue = latest && !(latestPending.isEmpty() && accepted.isEmpty()) && (force
                || latestIntervalMillis == 0 || latestPending.waited(now, latestIntervalMillis));
        if (accepted.isEmpty() && !publishing && !latestDue) {
            return;
        }
        if (history && !accepted.isEmpty()) {
            historyWrites.begin();
            for (int i = 0, n = accepted.size(); i < n; i++) {
                historyWrites.add(accepted.get(i), frames.get(i), now);
            }
            historyWrites.end(now);
        }
        if (latestDue) {
            latestPending.forEachNewest(accepted, frames, (token, frame) -> pipeline.queue(new Command<>(CommandType.SET,
                    new VoidOutput<>(), args().addKey(latestKeys.computeIfAbsent(token,
                            t -> keys.latestTick(t).getBytes(StandardCharsets.UTF_8))).addValue(frame).add(PX)
                            .add(latestTtlMillis)), false));
        }
        if (publishing) {
            toPublish.forEachGroup(publishNow, publishFrames, (token, frame) -> pipeline.queue(new Command<>(CommandType.PUBLISH,
                    new VoidOutput<>(), args().addKey(channels.computeIfAbsent(token,
                            t -> keys.tickChannel(t).getBytes(StandardCharsets.UTF_8))).addValue(frame)), false));
        }
        pipeline.dispatch();
        pipeline.await(timeoutNanos, batch.isEmpty() ? "cache flush" : "tick batch of " + batch.size());
        committed(now, buffered, latestDue);
    }

    /**
     * Encodes every tick of the batch once. No tick is skipped by its ingest sequence: two source
     * threads stamp sequences independently, so a lower one may follow a higher one for an instrument.
     * Only a redelivery of the last batch (the same tick instances) is deduplicated: once written it is
     * skipped whole; after a failed attempt it is written again (history IDs and MULTI/EXEC keep that
     * from duplicating) but not published again if that attempt published it.
     */
    private void accept(List<Tick> batch) {
        accepted.clear();
        frames.clear();
        publishNow = List.of();
        publishFrames = List.of();
        if (batch.isEmpty()) {
            return;
        }
        if (last.redelivered(batch) && last.written()) {
            duplicates += batch.size();
            return;
        }
        for (int i = 0, n = batch.size(); i < n; i++) {
            Tick t = batch.get(i);
            accepted.add(t);
            frames.add(TickCodec.encode(t));
        }
        if (!last.published()) {
            publishNow = accepted;
            publishFrames = frames;
        }
    }

    private void committed(long now, int buffered, boolean latestDue) {
        historyWrites.committed(now);
        staleIds += pipeline.staleIds();
        if (!accepted.isEmpty()) {
            written += accepted.size();
            batches++;
            last.markWritten();
            if (publish) {
                last.markPublished();
            }
        }
        failing = false;
        if (publishing) {
            published += buffered;
            toPublish.clear();
            publishing = false;
        } else if (publish) {
            toPublish.add(publishNow, publishFrames, now);
        }
        if (latestDue) {
            latestPending.clear();
        } else if (latest) {
            latestPending.add(accepted, frames, now);
        }
        accepted.clear();
        frames.clear();
        publishNow = List.of();
        publishFrames = List.of();
    }

    private static CommandArgs<byte[], byte[]> args() {
        return new CommandArgs<>(ByteArrayCodec.INSTANCE);
    }
}
