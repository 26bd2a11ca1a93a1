package io.tickengine.cache.redis.internal;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.VoidOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.tickengine.cache.redis.RedisKeys;
import io.tickengine.core.Tick;
import io.tickengine.core.time.MarketTime;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The intraday history part of a tick batch, queued on the sink's {@link Pipeline}: an XADD per tick
 * into the stream of its symbol and trading date, with a deterministic ID from the tick time (so a
 * retried batch is refused where it already landed), and EXPIRE NX after a key's first write of the
 * batch, asserted again at most once a minute. The legacy List layout has no IDs: its RPUSH per key
 * and the due EXPIREs go in one MULTI/EXEC, applied whole or not at all. What a batch assigned
 * counts only once {@link #committed}; {@link #failed} forgets it. Used by the sink's thread only.
 */
public final class HistoryWrites {
    /** A history key's TTL is set when it is created and asserted again at most this often. */
    static final long TTL_RECHECK_MILLIS = 60_000;

    private static final byte[] NX = {'N', 'X'};

    private final Pipeline pipeline;
    private final RedisKeys keys;
    private final byte[] field;
    private final long ttlSeconds;
    private final boolean legacy;
    private final StreamIds ids = new StreamIds();
    private final Map<String, HistoryKey> historyKeys = new HashMap<>();
    private final List<HistoryKey> expiring = new ArrayList<>();
    private final List<HistoryKey> touched = new ArrayList<>();
    private long batchNo;

    /**
     * @param field the stream entry's field holding the tick frame
     * @param legacy the seed's List-of-JSON layout instead of streams
     */
    public HistoryWrites(Pipeline pipeline, RedisKeys keys, byte[] field, long ttlSeconds, boolean legacy) {
        this.pipeline = pipeline;
        this.keys = keys;
        this.field = field.clone();
        this.ttlSeconds = ttlSeconds;
        this.legacy = legacy;
    }

    /** Starts a batch's history writes. */
    public void begin() {
        batchNo++;
        ids.begin();
        expiring.clear();
        touched.clear();
    }

    /** Queues a tick with its one-tick frame (the legacy layout holds it until {@link #end}). */
    public void add(Tick t, byte[] frame, long now) {
        if (legacy && !t.mode().hasTradePrice()) {
            return; // seed 000's TickDto has a price and no depth: order-book-only ticks have no legacy entry
        }
        String symbol = t.tradingSymbol() != null ? t.tradingSymbol() : Long.toString(t.instrumentToken());
        long time = t.eventTime();
        HistoryKey k = historyKey(symbol, MarketTime.tradingEpochDay(time));
        boolean first = k.batch != batchNo;
        k.batch = batchNo;
        if (legacy) {
            if (first) {
                k.values.clear();
                touched.add(k);
            }
            k.values.add(LegacyTickJson.write(t, symbol).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ids.assign(k.name, time, t.ingestSequence());
        pipeline.queue(new Command<>(CommandType.XADD, new VoidOutput<>(), args()
                .addKey(k.bytes).add(ids.idBytes()).add(field).addValue(frame)), true);
        if (first && ttlDue(k, now)) {
            pipeline.queue(expire(k), false);
        }
    }

    /**
     * Ends the batch's history writes: in the legacy layout, one RPUSH per List key with all of the
     * batch's JSON ticks for it, and the due EXPIREs, in one MULTI/EXEC (a List has no IDs to refuse a
     * tick it already holds, so a batch is applied whole or not at all).
     */
    public void end(long now) {
        if (!legacy) {
            return;
        }
        List<Command<byte[], byte[], ?>> writes = new ArrayList<>(2 * touched.size());
        for (HistoryKey k : touched) {
            writes.add(new Command<>(CommandType.RPUSH, new VoidOutput<>(), args().addKey(k.bytes)
                    .addValues(k.values.toArray(new byte[0][]))));
            k.values.clear();
            if (ttlDue(k, now)) {
                writes.add(expire(k));
            }
        }
        touched.clear();
        pipeline.transaction(writes);
    }

    /** The batch's replies all arrived without an error: its IDs and TTL assertions count. */
    public void committed(long now) {
        ids.commit();
        for (HistoryKey k : expiring) {
            k.ttlAssertedAt = now;
        }
        expiring.clear();
    }

    /** The batch failed: forgets its IDs and TTL assertions, so the retry assigns and asserts them again. */
    public void failed() {
        ids.begin();
        expiring.clear();
        touched.clear();
    }

    private boolean ttlDue(HistoryKey k, long now) {
        if (now - k.ttlAssertedAt < TTL_RECHECK_MILLIS) {
            return false;
        }
        expiring.add(k);
        return true;
    }

    private Command<byte[], byte[], Void> expire(HistoryKey k) {
        return new Command<>(CommandType.EXPIRE, new VoidOutput<>(), args().addKey(k.bytes).add(ttlSeconds).add(NX));
    }

    private static CommandArgs<byte[], byte[]> args() {
        return new CommandArgs<>(ByteArrayCodec.INSTANCE);
    }

    private HistoryKey historyKey(String symbol, long epochDay) {
        HistoryKey k = historyKeys.get(symbol);
        if (k == null || k.epochDay != epochDay) {
            k = new HistoryKey(epochDay, keys.tickHistory(LocalDate.ofEpochDay(epochDay), symbol));
            historyKeys.put(symbol, k);
        }
        return k;
    }

    /** A history key of one symbol and day, with its bytes and per-batch bookkeeping. */
    private static final class HistoryKey {
        final long epochDay;
        final String name;
        final byte[] bytes;
        final List<byte[]> values = new ArrayList<>();
        long ttlAssertedAt = Long.MIN_VALUE / 2;
        long batch;

        HistoryKey(long epochDay, String name) {
            this.epochDay = epochDay;
            this.name = name;
            this.bytes = name.getBytes(StandardCharsets.UTF_8);
        }
    }
}
