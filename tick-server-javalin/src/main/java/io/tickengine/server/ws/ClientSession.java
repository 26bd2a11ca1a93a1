package io.tickengine.server.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.internal.Tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One connected client: who it is, what it subscribed to, how it wants frames (JSON or MessagePack,
 * several ticks per frame, deltas) and its outbound buffer.
 */
public final class ClientSession {
    private final String id;
    private final Dialect dialect;
    private final String endpoint;
    private final Principal user;
    private final String address;
    private final long connectedAt;
    private final Function<Long, InstrumentClass> classOf;
    private final Set<Long> tokens = ConcurrentHashMap.newKeySet();
    private final Set<Long> candleKeys = ConcurrentHashMap.newKeySet();
    private volatile InstrumentClass streamAll;
    private Outbound out;
    private FanOutShard shard;

    // Frame options; read by the encoder under the outbound lock, written under it too via options().
    private boolean msgpack;
    private boolean delta;
    private int batch = 1;
    private final Map<Long, Map<String, Object>> lastSent = new HashMap<>();

    // Confined to the fan-out thread: replays and fences (see CatchUp); null when there are none.
    private CatchUp catchUp;

    // Subscribe-rate window, touched only by the socket's message thread.
    private long rateWindowStart;
    private int rateCount;

    ClientSession(String id, Dialect dialect, String endpoint, Principal user, String address, long connectedAt,
                  Function<Long, InstrumentClass> classOf) {
        this.id = id;
        this.dialect = dialect;
        this.endpoint = endpoint;
        this.user = user;
        this.address = address;
        this.connectedAt = connectedAt;
        this.classOf = classOf;
    }

    void attach(Outbound out, FanOutShard shard) {
        this.out = out;
        this.shard = shard;
    }

    /** The fan-out thread this client's frames are routed and sent on. */
    FanOutShard shard() {
        return shard;
    }

    public String id() { return id; }

    public Dialect dialect() { return dialect; }

    public String endpoint() { return endpoint; }

    public Principal user() { return user; }

    public String address() { return address; }

    public long connectedAt() { return connectedAt; }

    /** Instruments subscribed (ticks dialects) or instruments with candles (candles dialect). */
    public Set<Long> tokens() { return tokens; }

    Set<Long> candleKeys() { return candleKeys; }

    /** The instrument class streamed whole ({@code /ws/indices/all}, {@code /ws/stocks/nse/all}), or null. */
    public InstrumentClass streamAll() { return streamAll; }

    void streamAll(InstrumentClass c) { this.streamAll = c; }

    public Outbound out() { return out; }

    /** Negotiates the frame format and the batch size; applies to frames built from now on. */
    void options(boolean msgpack, boolean delta, int batch) {
        synchronized (out) {
            this.msgpack = msgpack;
            this.delta = delta;
            this.batch = batch;
            this.lastSent.clear();
            out.maxBatch(batch);
        }
    }

    int batch() {
        return batch;
    }

    /**
     * Whether a live tick goes to this client: false for one a replay will read from the resume buffer
     * or one no newer than a cached snapshot tick it got (see {@link CatchUp}). On the client's fan-out thread, per delivery:
     * without fences it is one field read.
     */
    boolean live(long token, long sequence) {
        CatchUp c = catchUp;
        if (c == null) {
            return true;
        }
        boolean live = c.live(token, sequence);
        if (c.done()) {
            catchUp = null;
        }
        return live;
    }

    /** Fences instruments at the newest sequence this client got of each outside the live stream; fan-out thread. */
    void fence(Map<Long, Long> newest, LongAdder superseded) {
        if (!newest.isEmpty()) {
            catchUp(superseded).fence(newest);
        }
    }

    /** Leaves the live ticks of a replay's instruments to it until it ends; fan-out thread. */
    void replay(Replay r, LongAdder superseded) {
        catchUp(superseded).add(r);
    }

    /** Lets the live ticks of an ended replay's instruments through again; fan-out thread. */
    void endReplay(Replay r) {
        if (catchUp != null) {
            catchUp.end(r);
            settle();
        }
    }

    /** Forgets the fences and replays of instruments this client unsubscribed or closed; fan-out thread. */
    void unfence(Set<Long> gone) {
        if (catchUp != null) {
            catchUp.forget(gone);
            settle();
        }
    }

    private CatchUp catchUp(LongAdder superseded) {
        if (catchUp == null) {
            catchUp = new CatchUp(superseded);
        }
        return catchUp;
    }

    /** Drops the catch-up state once nothing is fenced or replayed, so {@link #live} is one field read again. */
    private void settle() {
        if (catchUp.done()) {
            catchUp = null;
        }
    }

    /**
     * Forgets instruments this client unsubscribed: drops their ticks still waiting to be sent and their
     * delta base, so nothing of them follows the confirmation and the next tick of them (after a new
     * subscribe) is complete. Returns the ticks dropped. On the fan-out thread, after routing stopped.
     */
    int forget(Set<Long> gone) {
        unfence(gone);
        synchronized (out) {
            lastSent.keySet().removeAll(gone);
            return out.discard(u -> SharedTick.unwrap(u) instanceof Tick t && gone.contains(t.instrumentToken()));
        }
    }

    /** Counts one subscribe message; false when the per-second limit is exceeded. */
    boolean allowSubscribe(long nowMillis, int perSecond) {
        if (nowMillis - rateWindowStart >= 1000) {
            rateWindowStart = nowMillis;
            rateCount = 0;
        }
        return ++rateCount <= perSecond;
    }

    /**
     * Encodes a batch of updates into one frame; called under the outbound lock. Without deltas, each
     * tick's {@code data} encoding is shared by all clients ({@link SharedTick}) and frames are built by
     * copying those bytes; deltas and candles are built per client from a tree.
     */
    Object encode(List<Object> updates) {
        if (delta || dialect == Dialect.CANDLES) {
            return frame(updates);
        }
        boolean array = batch > 1 || updates.size() > 1;
        if (!msgpack && !array && updates.get(0) instanceof SharedTick t) {
            // Every client after the first finds the frame made; only the first builds the encoder.
            byte[] made = t.cached(dialect, SharedTick.Form.JSON_FRAME);
            return made != null ? made : t.encoded(dialect, SharedTick.Form.JSON_FRAME, x -> single(item(t, false)));
        }
        List<byte[]> items = new ArrayList<>(updates.size());
        for (Object update : updates) {
            items.add(item(update, msgpack));
        }
        if (!array && !msgpack) {
            return single(items.get(0));
        }
        String type = array ? "ticks" : "tick";
        return msgpack ? Frames.msgpack(type, items, array) : Frames.json(type, items, array);
    }

    /** The one-tick JSON frame around an encoded {@code data} item; seed 000's dialect sends the item bare. */
    private byte[] single(byte[] item) {
        return dialect == Dialect.SYMBOLS ? item : Frames.json("tick", List.of(item), false);
    }

    /** The encoded {@code data} item of one update, shared by all clients when it is a {@link SharedTick}. */
    private byte[] item(Object update, boolean pack) {
        if (update instanceof SharedTick s) {
            SharedTick.Form form = pack ? SharedTick.Form.MSGPACK_DATA : SharedTick.Form.JSON_DATA;
            byte[] made = s.cached(dialect, form);
            return made != null ? made : s.encoded(dialect, form, t -> encodeTick(t, pack));
        }
        if (update instanceof Tick t) {
            return encodeTick(t, pack);
        }
        return pack ? Tree.msgpackBytes(update) : Tree.json(update).getBytes(StandardCharsets.UTF_8);
    }

    /** A tick's {@code data} item: JSON written directly, MessagePack from the tree. */
    private byte[] encodeTick(Tick t, boolean pack) {
        if (pack) {
            return Tree.msgpackBytes(tree(t));
        }
        return dialect == Dialect.SYMBOLS ? Messages.tickDtoJson(t, classOf.apply(t.instrumentToken()))
                : Messages.kiteTickJson(t);
    }

    private Map<String, Object> tree(Tick t) {
        return dialect == Dialect.SYMBOLS ? Messages.tickDto(t, classOf.apply(t.instrumentToken())) : Messages.kiteTick(t);
    }

    private Object frame(List<Object> updates) {
        List<Object> data = new ArrayList<>(updates.size());
        for (Object update : updates) {
            Object u = SharedTick.unwrap(update);
            if (u instanceof Tick t) {
                Map<String, Object> m = tree(t);
                if (delta) {
                    Map<String, Object> d = Messages.delta(lastSent.get(t.instrumentToken()), m);
                    lastSent.put(t.instrumentToken(), m);
                    m = d;
                }
                data.add(m);
            } else {
                data.add(u);
            }
        }
        Object body;
        if (dialect == Dialect.SYMBOLS && batch <= 1 && !msgpack) {
            body = data.get(0);
        } else {
            Map<String, Object> env = new LinkedHashMap<>(2);
            String kind = dialect == Dialect.CANDLES ? "candle" : "tick";
            if (batch > 1) {
                env.put("type", kind + "s");
                env.put("data", data);
            } else {
                env.put("type", kind);
                env.put("data", data.get(0));
            }
            body = env;
        }
        return msgpack ? Tree.msgpack(body) : Tree.json(body);
    }
}
