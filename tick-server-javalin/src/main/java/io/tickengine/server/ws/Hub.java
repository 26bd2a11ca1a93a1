package io.tickengine.server.ws;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.time.Clock;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.config.WsLimits;
import io.tickengine.server.internal.Tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebSocket hub: every client session, who wants which instrument, and the engine sinks that fan
 * ticks and candles out to the sessions' outbound buffers. The tick sink hands each engine batch to a
 * few fan-out threads ({@link FanOut}), which route it to their own sessions and send, until
 * {@link #close()}. Thread-safe.
 */
public final class Hub implements AutoCloseable {
    private final InstrumentRegistry registry;
    private final LatestTicks latest;
    private final FeedSubscriptions feed;
    private final WsLimits limits;
    private final Clock clock;
    private final HubCounters counters = new HubCounters();
    private final ResumeBuffer resume;
    private final Starts starts;
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Set<ClientSession>> byCandle = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong lastTickMillis = new AtomicLong();
    private final FanOut fanOut;

    /** A hub with the default number of fan-out threads (one per core, 2 to 4). */
    public Hub(InstrumentRegistry registry, LatestTicks latest, FeedSubscriptions feed, WsLimits limits, Clock clock) {
        this(registry, latest, feed, limits, clock, FanOut.DEFAULT_THREADS);
    }

    /** A hub whose client sends run on {@code fanOutThreads} threads. */
    public Hub(InstrumentRegistry registry, LatestTicks latest, FeedSubscriptions feed, WsLimits limits, Clock clock,
               int fanOutThreads) {
        this.registry = registry;
        this.latest = latest;
        this.feed = feed;
        this.limits = limits;
        this.clock = clock;
        this.resume = new ResumeBuffer(limits.resumeWindow().toMillis(), limits.resumeMaxBytes());
        this.starts = new Starts(resume, latest, counters);
        this.fanOut = new FanOut(fanOutThreads, this::streamClassOf);
    }

    public HubCounters counters() { return counters; }

    public WsLimits limits() { return limits; }

    public InstrumentRegistry registry() { return registry; }

    public LatestTicks latest() { return latest; }

    public FeedSubscriptions feed() { return feed; }

    /** Epoch millis when the broadcaster last received a tick; 0 before the first. */
    public long lastTickMillis() { return lastTickMillis.get(); }

    /** Ticks handed to the fan-out threads and not yet routed to their clients. */
    public long fanOutQueuedTicks() { return fanOut.queuedTicks(); }

    /** Ticks kept for resuming clients. */
    public long resumeTicks() { return resume.size(); }

    /** The heap the ticks kept for resuming clients hold. */
    public long resumeBytes() { return resume.bytes(); }

    /** Times the broadcaster waited for a full fan-out thread. */
    public long fanOutWaits() { return fanOut.waits(); }

    /** Unexpected errors the fan-out threads caught and went on from. */
    public long fanOutErrors() { return fanOut.failures(); }

    /** Every open session. */
    public Collection<ClientSession> sessions() { return sessions.values(); }

    /** Reserves a connection slot for an address; false when the address is at its limit (counted). */
    boolean admit(String address) {
        AtomicInteger n = perAddress.computeIfAbsent(address, k -> new AtomicInteger());
        if (n.incrementAndGet() > limits.maxConnectionsPerIp()) {
            n.decrementAndGet();
            counters.limitHit("connections_per_ip");
            return false;
        }
        return true;
    }

    /** Opens a session over a transport; the address slot must have been admitted. */
    ClientSession open(Dialect dialect, String endpoint, Principal user, String address, Transport transport) {
        String id = Long.toString(clock.millis(), 36) + "-" + ids.incrementAndGet();
        ClientSession s = new ClientSession(id, dialect, endpoint, user, address, clock.millis(), this::classOf);
        FanOutShard shard = fanOut.assign();
        s.attach(new Outbound(transport, limits.outboundQueue(), 1, Outbound.DEFAULT_MAX_IN_FLIGHT,
                limits.slowClientTimeout().toMillis(), clock::millis, counters, shard, s::encode), shard);
        sessions.put(id, s);
        counters.connectionsOpened.increment();
        return s;
    }

    /**
     * Forgets a session and releases what it subscribed; its fan-out thread stops routing to it after the
     * subscription changes queued before.
     */
    void close(ClientSession s) {
        if (sessions.remove(s.id()) == null) {
            return;
        }
        perAddress.computeIfPresent(s.address(), (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        List<Long> tokens = new ArrayList<>(s.tokens());
        List<Long> candleKeys = new ArrayList<>(s.candleKeys());
        removeFrom(byCandle, s, candleKeys);
        s.tokens().clear();
        s.candleKeys().clear();
        feed.release(tokens);
        FanOutShard shard = s.shard();
        shard.execute(() -> {
            shard.forget(s);
            for (Long t : tokens) {
                shard.remove(t, s);
            }
            s.unfence(new HashSet<>(tokens));
        });
    }

    /**
     * Streams every instrument of a class to a session: on its fan-out thread, in one step, the class's
     * ticks start being routed to it and the latest tick of each is queued (see {@link #subscribe}).
     */
    void streamAll(ClientSession s, InstrumentClass c) {
        s.streamAll(c);
        s.shard().execute(() -> {
            if (!sessions.containsKey(s.id())) {
                return;
            }
            s.shard().streamAll(c, s);
            Set<Long> tokens = new LinkedHashSet<>();
            for (Tick t : latest.all()) {
                if (streamClassOf(t.instrumentToken()) == c) {
                    tokens.add(t.instrumentToken());
                }
            }
            for (long token : s.shard().routedInstruments()) {
                if (streamClassOf(token) == c) {
                    tokens.add(token);
                }
            }
            starts.snapshot(s, tokens, Map.of());
        });
    }

    /**
     * Adds instruments to a session; returns the ones that were new. On the session's fan-out thread, in
     * one step, the new ones start being routed to it and the latest tick of each that thread routed is
     * queued (see {@link Starts#snapshot}), so the client starts from exactly the state the live ticks go on from.
     */
    List<Long> subscribe(ClientSession s, Collection<Long> tokens) {
        return subscribe(s, tokens, null);
    }

    /**
     * Adds instruments like {@link #subscribe}, but the new ones get the ticks they missed after
     * {@code fromSequence} instead of their latest, or a gap message and then their latest when the resume
     * window no longer holds all of those.
     */
    List<Long> resume(ClientSession s, Collection<Long> tokens, long fromSequence) {
        return subscribe(s, tokens, fromSequence);
    }

    private List<Long> subscribe(ClientSession s, Collection<Long> tokens, Long fromSequence) {
        List<Long> added = new ArrayList<>();
        for (Long t : tokens) {
            if (s.tokens().add(t)) {
                added.add(t);
            }
        }
        feed.acquire(added);
        if (!added.isEmpty()) {
            s.shard().execute(() -> {
                if (sessions.containsKey(s.id())) {
                    starts.start(s, added, fromSequence);
                }
            });
        }
        return added;
    }

    /**
     * Removes instruments from a session; returns the ones it had. Its fan-out thread stops routing them
     * to it after the subscription changes queued before, and drops their ticks still waiting for the
     * client and their delta base (counted in {@link HubCounters#unsubscribedDropped}).
     */
    List<Long> unsubscribe(ClientSession s, Collection<Long> tokens) {
        List<Long> removed = new ArrayList<>();
        for (Long t : tokens) {
            if (s.tokens().remove(t)) {
                removed.add(t);
            }
        }
        feed.release(removed);
        if (!removed.isEmpty()) {
            FanOutShard shard = s.shard();
            shard.execute(() -> {
                for (Long t : removed) {
                    shard.remove(t, s);
                }
                counters.unsubscribedDropped.add(s.forget(new HashSet<>(removed)));
            });
        }
        return removed;
    }

    /**
     * Queues a reply (a confirmation, an error, a pong) once the subscription changes asked for so far have
     * taken effect on the session's fan-out thread, so replies reach the client in the order of its messages
     * and a confirmation of an unsubscribe is the last it hears of those instruments. A reply still goes
     * ahead of ticks waiting in the client's buffer.
     */
    void reply(ClientSession s, String message) {
        s.shard().execute(() -> s.out().control(message));
    }

    /** Adds candle subscriptions; the feed is asked for the instruments too. */
    List<Long> subscribeCandles(ClientSession s, Collection<Long> tokens, CandleInterval interval) {
        List<Long> added = new ArrayList<>();
        for (Long t : tokens) {
            long key = candleKey(t, interval);
            if (s.candleKeys().add(key)) {
                byCandle.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(s);
                if (s.tokens().add(t)) {
                    feed.acquire(List.of(t));
                }
                added.add(t);
            }
        }
        return added;
    }

    /**
     * Removes candle subscriptions; an instrument the session no longer wants at any interval is released
     * from the feed. Returns the instruments whose subscription at this interval was removed.
     */
    List<Long> unsubscribeCandles(ClientSession s, Collection<Long> tokens, CandleInterval interval) {
        List<Long> removed = new ArrayList<>();
        List<Long> released = new ArrayList<>();
        for (Long t : tokens) {
            long key = candleKey(t, interval);
            if (s.candleKeys().remove(key)) {
                removeFrom(byCandle, s, List.of(key));
                removed.add(t);
                if (s.candleKeys().stream().noneMatch(k -> tokenOf(k) == t) && s.tokens().remove(t)) {
                    released.add(t);
                }
            }
        }
        feed.release(released);
        return removed;
    }

    InstrumentClass classOf(long token) {
        Instrument i = registry.findByToken(token);
        return i == null ? InstrumentClass.OTHER : i.instrumentClass();
    }

    /**
     * Which streamed class an instrument's ticks go to: {@code /ws/indices/all} takes every index,
     * {@code /ws/stocks/nse/all} only NSE's stocks (a BSE stock a client subscribed to elsewhere is not one).
     */
    InstrumentClass streamClassOf(long token) {
        Instrument i = registry.findByToken(token);
        if (i == null) {
            return InstrumentClass.OTHER;
        }
        InstrumentClass c = i.instrumentClass();
        return c == InstrumentClass.STOCK && i.exchange() != Exchange.NSE ? InstrumentClass.OTHER : c;
    }

    static long candleKey(long token, CandleInterval interval) {
        return token * 1_000_000L + interval.seconds();
    }

    /** The instrument of a {@link #candleKey}. */
    static long tokenOf(long candleKey) {
        return candleKey / 1_000_000L;
    }

    private static void removeFrom(Map<Long, Set<ClientSession>> index, ClientSession s, Collection<Long> keys) {
        for (Long k : keys) {
            index.computeIfPresent(k, (key, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** The engine sink that fans ticks out to clients; conflating, so the engine never waits for it. */
    public TickSink broadcaster() {
        return new TickSink() {
            @Override
            public String name() {
                return "broadcast";
            }

            @Override
            public OverflowPolicy overflowPolicy() {
                return OverflowPolicy.CONFLATE;
            }

            @Override
            public void onBatch(List<Tick> batch) {
                int n = batch.size();
                if (n == 0) {
                    return;
                }
                long now = clock.millis();
                // One shared update per tick, so its encodings are made once for all clients; the
                // batch goes to each fan-out thread once, which routes it to its own clients. Kept for
                // resuming first, so what a fan-out thread routed is always in the buffer (or evicted).
                SharedTick[] shared = new SharedTick[n];
                long position = 0;
                for (int i = 0; i < n; i++) {
                    Tick t = batch.get(i);
                    long p = resume.add(t, now);
                    if (i == 0) {
                        position = p;
                    }
                    shared[i] = new SharedTick(t);
                }
                counters.ticksIn.add(n);
                fanOut.publish(shared, position);
                lastTickMillis.set(now);
            }

            @Override
            public Map<String, Long> metrics() {
                return Map.ofEntries(Map.entry("sessions", (long) sessions.size()),
                        Map.entry("conflated_updates", counters.conflatedUpdates()),
                        Map.entry("slow_clients_closed", counters.closedSlowClients()),
                        Map.entry("send_failures", counters.sendFailures()),
                        Map.entry("superseded_ticks", counters.supersededTicks()),
                        Map.entry("unsubscribed_dropped", counters.unsubscribedDropped()),
                        Map.entry("replayed_ticks", counters.replayedTicks()),
                        Map.entry("resume_gaps", counters.resumeGaps()),
                        Map.entry("fan_out_threads", (long) fanOut.threads()),
                        Map.entry("fan_out_queued_ticks", fanOut.queuedTicks()),
                        Map.entry("fan_out_waits", fanOut.waits()), Map.entry("fan_out_errors", fanOut.failures()));
            }
        };
    }

    /** The engine candle sink that sends live candles to {@code /ws/candles} subscribers. */
    public CandleSink candleSink() {
        return new CandleSink() {
            @Override
            public String name() {
                return "ws-candles";
            }

            /**
             * Conflating: when this sink falls behind, the engine keeps the newest revision of each
             * instrument's, interval's and bucket's candle ({@link Candle#conflationKey}) instead of dropping
             * the oldest candles, which could be a bucket's only emission.
             */
            @Override
            public OverflowPolicy overflowPolicy() {
                return OverflowPolicy.CONFLATE;
            }

            @Override
            public void onCandles(List<Candle> batch) {
                for (Candle c : batch) {
                    long key = candleKey(c.instrumentToken(), c.interval());
                    Set<ClientSession> subs = byCandle.get(key);
                    if (subs == null) {
                        continue;
                    }
                    Instrument i = registry.findByToken(c.instrumentToken());
                    Map<String, Object> m = Messages.candle(c, i == null ? null : i.tradingSymbol());
                    // A slow client's buffer conflates like a candle sink, so a late revision of one bucket
                    // never replaces the next bucket's candle.
                    long update = c.conflationKey();
                    for (ClientSession s : subs) {
                        s.out().offer(update, m);
                    }
                }
            }
        };
    }

    /** Stops the fan-out threads once clients are closed; later sends run on the caller's thread. */
    @Override
    public void close() {
        fanOut.close();
    }

    static String json(Object tree) {
        return Tree.json(tree);
    }
}
