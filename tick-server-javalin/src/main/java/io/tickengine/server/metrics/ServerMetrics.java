package io.tickengine.server.metrics;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickengine.angelone.pool.AngelOneTickSourcePool;
import io.tickengine.angelone.ws.AngelOneTickSource;
import io.tickengine.core.engine.EngineStats;
import io.tickengine.core.engine.SinkStats;
import io.tickengine.core.engine.TickIssue;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.TickSource;
import io.tickengine.kite.pool.KiteConnectionStatus;
import io.tickengine.kite.pool.KiteTickSourcePool;
import io.tickengine.kite.ws.KiteStats;
import io.tickengine.server.ws.Hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Prometheus metrics on {@code /metrics}: seed 000's list under the {@code tickengine_} prefix (ticks
 * received, broadcast, cached, persisted, active sessions, feed connection status, buffer size,
 * persistence duration), ticks the validation flagged or rejected, every sink's counters and its own
 * ({@code TickSink.metrics()}, such as the candle aggregator's late ticks), the feeds' malformed frames
 * and reconnects, the WebSocket limits, REST answers that fell back from Redis to the database, and JVM
 * metrics. Engine stats are sampled at most every 500 ms.
 */
public final class ServerMetrics {
    private static final long SAMPLE_MILLIS = 500;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<EngineStats> source;
    private final Counter redisFallbacks = Counter.builder("tickengine.rest.redis.fallbacks")
            .description("Requests for today's ticks that Redis failed and the database answered").register(registry);
    private volatile EngineStats sample;
    private volatile long sampledAt;

    /**
     * @param kite the Kite feed, or null
     * @param angelOne the Angel One feed, or null
     * @param storeTickSink the engine name of the database's tick sink (SQLite or TimescaleDB)
     * @param bufferedSinks the engine names of the database's and Redis's sinks, whose backlog is the buffer
     */
    public ServerMetrics(Supplier<EngineStats> stats, Hub hub, KiteTickSourcePool kite, AngelOneTickSourcePool angelOne,
                         String storeTickSink, Set<String> bufferedSinks) {
        this.source = stats;
        Set<String> buffered = Set.copyOf(bufferedSinks);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        counter("tickengine.ticks.received", "Ticks received from the feeds", s -> s.received());
        counter("tickengine.ticks.accepted", "Ticks passed on to the sinks", s -> s.accepted());
        counter("tickengine.ticks.refused.after.stop", "Ticks a feed handed in after the engine stopped",
                s -> s.refusedAfterStop());
        counter("tickengine.ticks.broadcast", "Ticks handed to the WebSocket broadcaster", s -> delivered(s, "broadcast"));
        counter("tickengine.ticks.cached", "Ticks written to the Redis cache", s -> delivered(s, "redis"));
        counter("tickengine.ticks.persisted", "Ticks written to the database", s -> sink(s, storeTickSink).delivered());
        gauge("tickengine.buffer.size", "Ticks and candles waiting in the database's and Redis's sinks",
                s -> backlog(s, buffered));
        gauge("tickengine.persistence.lag", "Age of the newest persisted tick when written, seconds",
                s -> sink(s, storeTickSink).lagMillis() / 1000.0);
        FunctionTimer.builder("tickengine.persistence.duration", this, m -> sink(m.stats(), storeTickSink).batches(),
                        m -> sink(m.stats(), storeTickSink).batchNanos(), TimeUnit.NANOSECONDS)
                .description("Batches of ticks written to the database and the time they took").register(registry);
        Gauge.builder("tickengine.websocket.sessions.active", hub, h -> h.sessions().size())
                .description("Open WebSocket sessions").register(registry);
        Gauge.builder("tickengine.kite.connection.status", () -> connected(kite))
                .description("1 when the Kite feed is connected, else 0").register(registry);
        Gauge.builder("tickengine.angelone.connection.status", () -> connected(angelOne))
                .description("1 when the Angel One feed is connected, else 0").register(registry);
        FunctionCounter.builder("tickengine.websocket.updates.sent", hub, h -> h.counters().updatesSent())
                .description("Ticks and candles written to clients").register(registry);
        FunctionCounter.builder("tickengine.websocket.conflated", hub, h -> h.counters().conflatedUpdates())
                .description("Updates replaced for slow clients").register(registry);
        FunctionCounter.builder("tickengine.websocket.slow.closed", hub, h -> h.counters().closedSlowClients())
                .description("Clients closed with 1013").register(registry);
        FunctionCounter.builder("tickengine.websocket.superseded", hub, h -> h.counters().supersededTicks())
                .description("Live ticks not sent because a snapshot or resume had given the client that tick or a newer one")
                .register(registry);
        FunctionCounter.builder("tickengine.websocket.unsubscribed.dropped", hub, h -> h.counters().unsubscribedDropped())
                .description("Ticks still waiting for a client when it unsubscribed their instrument, dropped with it")
                .register(registry);
        FunctionCounter.builder("tickengine.websocket.resume.replayed", hub, h -> h.counters().replayedTicks())
                .description("Ticks sent to resuming clients from the resume buffer").register(registry);
        FunctionCounter.builder("tickengine.websocket.resume.gaps", hub, h -> h.counters().resumeGaps())
                .description("Gap messages sent to resuming clients the resume window could not serve").register(registry);
        FunctionCounter.builder("tickengine.websocket.send.failures", hub, h -> h.counters().sendFailures())
                .description("Clients closed with 1011 because building or sending their frames failed").register(registry);
        Gauge.builder("tickengine.websocket.fanout.queued", hub, Hub::fanOutQueuedTicks)
                .description("Ticks handed to the fan-out threads and not yet routed to clients").register(registry);
        Gauge.builder("tickengine.websocket.resume.ticks", hub, Hub::resumeTicks)
                .description("Ticks kept for clients that resume (RESUME_WINDOW, RESUME_MAX_MB)").register(registry);
        Gauge.builder("tickengine.websocket.resume.bytes", hub, Hub::resumeBytes).baseUnit("bytes")
                .description("Heap the ticks kept for resuming hold").register(registry);
        FunctionCounter.builder("tickengine.websocket.fanout.waits", hub, Hub::fanOutWaits)
                .description("Times the broadcaster waited for a full fan-out thread (its engine mailbox conflates meanwhile)")
                .register(registry);
        FunctionCounter.builder("tickengine.websocket.fanout.errors", hub, Hub::fanOutErrors)
                .description("Unexpected errors a fan-out thread caught and went on from").register(registry);
        FunctionCounter.builder("tickengine.feed.subscription.failures", hub, h -> h.feed().failedInstruments())
                .description("Instruments a feed refused to subscribe or unsubscribe").register(registry);
        FunctionCounter.builder("tickengine.websocket.bad.messages", hub, h -> h.counters().badMessages())
                .description("Malformed or unknown client messages").register(registry);
        FunctionCounter.builder("tickengine.websocket.auth.failures", hub, h -> h.counters().authFailures())
                .description("Connections refused for credentials").register(registry);
        for (String limit : List.of("connections_per_ip", "subscriptions", "subscribe_rate", "message_size", "origin")) {
            FunctionCounter.builder("tickengine.websocket.limit.hits", hub,
                            h -> h.counters().limitHits().getOrDefault(limit, 0L))
                    .tag("limit", limit).description("Client requests refused by a limit").register(registry);
        }
        for (TickIssue issue : TickIssue.values()) {
            FunctionCounter.builder("tickengine.ticks.issues", this, m -> m.stats().issues().getOrDefault(issue, 0L))
                    .tag("issue", issue.name().toLowerCase(Locale.ROOT))
                    .description("Ticks the validation flagged, accepted or not").register(registry);
            FunctionCounter.builder("tickengine.ticks.rejected", this, m -> m.stats().rejected().getOrDefault(issue, 0L))
                    .tag("issue", issue.name().toLowerCase(Locale.ROOT))
                    .description("Ticks the validation rejected; no sink saw them").register(registry);
        }
        if (kite != null) {
            feedCounters("kite", () -> {
                KiteStats k = kite.connections().stream().map(KiteConnectionStatus::stats)
                        .reduce(kite.closedConnectionStats(), KiteStats::plus);
                return new FeedCounts(k.parseErrors(), k.skippedPackets(), k.listenerErrors(), k.reconnects(),
                        k.watchdogCloses());
            });
        }
        if (angelOne != null) {
            feedCounters("angelone", () -> angelOne.connections().stream().map(AngelOneTickSource::stats)
                    .map(a -> new FeedCounts(a.parseErrors(), a.skippedPackets(), a.listenerErrors(), a.reconnects(),
                            a.watchdogCloses())).reduce(FeedCounts.NONE, FeedCounts::plus));
        }
        EngineStats first = stats();
        List<SinkStats> sinks = new ArrayList<>(first.tickSinks());
        sinks.addAll(first.candleSinks());
        for (SinkStats k : sinks) {
            String n = k.name();
            sinkCounter("tickengine.sink.delivered", n, s -> sink(s, n).delivered());
            sinkCounter("tickengine.sink.dropped", n, s -> sink(s, n).dropped());
            sinkCounter("tickengine.sink.conflated", n, s -> sink(s, n).conflated());
            sinkCounter("tickengine.sink.errors", n, s -> sink(s, n).errors());
            Gauge.builder("tickengine.sink.queue.depth", this, m -> sink(m.stats(), n).queueDepth()).tag("sink", n)
                    .register(registry);
            Gauge.builder("tickengine.sink.lag", this, m -> sink(m.stats(), n).lagMillis() / 1000.0).tag("sink", n)
                    .baseUnit("seconds").register(registry);
            FunctionTimer.builder("tickengine.sink.batch.duration", this, m -> sink(m.stats(), n).batches(),
                            m -> sink(m.stats(), n).batchNanos(), TimeUnit.NANOSECONDS).tag("sink", n)
                    .description("Batches the sink took and the time it spent on them").register(registry);
            Gauge.builder("tickengine.sink.circuit.open", this, m -> sink(m.stats(), n).circuit().ordinal())
                    .tag("sink", n).description("0 closed, 1 open, 2 half-open (CircuitState order)").register(registry);
            for (String key : k.metrics().keySet()) {
                Gauge.builder("tickengine.sink.reported", this, m -> sink(m.stats(), n).metrics().getOrDefault(key, 0L))
                        .tag("sink", n).tag("name", key)
                        .description("A sink's own figures (TickSink.metrics()): counts since start and current levels")
                        .register(registry);
            }
        }
    }

    /**
     * A feed's counters summed over its connections: malformed frames, skipped packets, listener errors,
     * reconnects and watchdog closes. The Kite pool keeps the counts of the connections it closed, and the
     * Angel One pool never closes one before it stops, so the sums only go up.
     */
    private void feedCounters(String feed, Supplier<FeedCounts> counts) {
        feedCounter("tickengine.feed.parse.errors", feed, counts, FeedCounts::parseErrors,
                "Malformed frames or packets from the feed (a frame's good ticks are kept)");
        feedCounter("tickengine.feed.skipped.packets", feed, counts, FeedCounts::skippedPackets,
                "Packets skipped for an unknown length, segment or exchange type");
        feedCounter("tickengine.feed.listener.errors", feed, counts, FeedCounts::listenerErrors,
                "Exceptions thrown while the engine took a feed's ticks, caught");
        feedCounter("tickengine.feed.reconnects", feed, counts, FeedCounts::reconnects,
                "Connections re-established after a loss");
        feedCounter("tickengine.feed.watchdog.closes", feed, counts, FeedCounts::watchdogCloses,
                "Connections closed because nothing arrived within the watchdog timeout");
    }

    private void feedCounter(String name, String feed, Supplier<FeedCounts> counts, ToLongFunction<FeedCounts> f,
                             String description) {
        // Meters hold their object weakly: this one lives as long as the server, a lambda would not.
        FunctionCounter.builder(name, this, m -> f.applyAsLong(counts.get())).tag("feed", feed).description(description)
                .register(registry);
    }

    /** The counters every feed connection keeps, in one shape for Kite and Angel One. */
    private record FeedCounts(long parseErrors, long skippedPackets, long listenerErrors, long reconnects,
                              long watchdogCloses) {
        static final FeedCounts NONE = new FeedCounts(0, 0, 0, 0, 0);

        FeedCounts plus(FeedCounts o) {
            return new FeedCounts(parseErrors + o.parseErrors, skippedPackets + o.skippedPackets,
                    listenerErrors + o.listenerErrors, reconnects + o.reconnects, watchdogCloses + o.watchdogCloses);
        }
    }

    /** Adds {@code GET /metrics} in the Prometheus text format. */
    public void register(Javalin app) {
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }

    /** Counts a request for today's ticks that Redis failed and the database answered. */
    public void redisFallback() {
        redisFallbacks.increment();
    }

    /** The registry, for embedding applications that add their own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private EngineStats stats() {
        long now = System.currentTimeMillis();
        EngineStats s = sample;
        if (s == null || now - sampledAt > SAMPLE_MILLIS) {
            s = source.get();
            sample = s;
            sampledAt = now;
        }
        return s;
    }

    private void counter(String name, String description, ToDoubleFunction<EngineStats> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.stats())).description(description).register(registry);
    }

    private void gauge(String name, String description, ToDoubleFunction<EngineStats> f) {
        Gauge.builder(name, this, m -> f.applyAsDouble(m.stats())).description(description).register(registry);
    }

    private void sinkCounter(String name, String sinkName, ToDoubleFunction<EngineStats> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.stats())).tag("sink", sinkName).register(registry);
    }

    private static SinkStats sink(EngineStats s, String name) {
        for (SinkStats k : s.tickSinks()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        for (SinkStats k : s.candleSinks()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return new SinkStats(name, io.tickengine.core.sink.OverflowPolicy.DROP_OLDEST, 0, 0, 0, 0, 0, 1, 0, 0, 0,
                io.tickengine.core.engine.CircuitState.CLOSED, java.util.Map.of());
    }

    private static double delivered(EngineStats s, String prefix) {
        return s.tickSinks().stream().filter(k -> k.name().startsWith(prefix)).mapToLong(SinkStats::delivered).sum();
    }

    private static double backlog(EngineStats s, Set<String> names) {
        long n = 0;
        for (SinkStats k : s.tickSinks()) {
            if (names.contains(k.name())) {
                n += k.queueDepth();
            }
        }
        for (SinkStats k : s.candleSinks()) {
            if (names.contains(k.name())) {
                n += k.queueDepth();
            }
        }
        return n;
    }

    private static double connected(TickSource feed) {
        return feed != null && feed.status().state() == SourceState.CONNECTED ? 1 : 0;
    }
}
