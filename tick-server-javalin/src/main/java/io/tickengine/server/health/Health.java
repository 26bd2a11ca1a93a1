package io.tickengine.server.health;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tickengine.angelone.ws.AngelOneTickSource;
import io.tickengine.cache.redis.RedisCache;
import io.tickengine.core.engine.CircuitState;
import io.tickengine.core.engine.EngineStats;
import io.tickengine.core.engine.SinkStats;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickSource;
import io.tickengine.core.time.Clock;
import io.tickengine.kite.pool.KiteConnectionStatus;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.server.internal.Feeds;
import io.tickengine.server.internal.StoreBackend;
import io.tickengine.server.internal.Tree;
import io.tickengine.server.ws.Hub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /health} (ok, degraded or critical with per-dependency detail; 503 when critical),
 * {@code /health/live} and {@code /health/ready}.
 *
 * <p>As in seed 000's health indicator, a disconnected feed and an overflowing buffer are critical. A
 * configured feed none of whose connections is connected is degraded while it reconnects and critical once
 * none of them has received anything for {@link #FEED_OUTAGE_GRACE} (or, never having received, since
 * health started), so a reconnect after a blip does not flip it; the times come from the server's clock,
 * which the feeds stamp with too. A sink's backlog (queue depth) over {@link #DEGRADED_BACKLOG} is degraded;
 * a sink whose buffer is full ({@link SinkStats#full()}: what comes next is dropped) or whose backlog is over
 * {@link #CRITICAL_BACKLOG} is critical, and so is the buffer, the backlog of the database's and Redis's
 * sinks together that {@code /metrics} reports as {@code tickengine_buffer_size}, over that bound.
 */
public final class Health {
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String CRITICAL = "critical";
    /** How long a configured feed may go without a connected connection before health is critical. */
    public static final Duration FEED_OUTAGE_GRACE = Duration.ofSeconds(30);
    /** Seed 000's buffer overflow: a sink backlog, or the buffer, above this many items is critical. */
    public static final long CRITICAL_BACKLOG = 100_000;
    /** A sink backlog above this many items is degraded: ten of its default batches are waiting. */
    public static final long DEGRADED_BACKLOG = 10_000;

    private final ServerOptions options;
    private final Supplier<EngineStats> stats;
    private final Hub hub;
    private final Feeds feeds;
    private final RedisCache redis;
    private final StoreBackend database;
    private final Set<String> bufferedSinks;
    private final Clock clock;
    private final long startedAt;

    /**
     * @param bufferedSinks the engine names of the database's and Redis's sinks, whose backlog is the buffer
     * @param clock the server's clock, which the feeds stamp their statuses and frames with
     */
    public Health(ServerOptions options, Supplier<EngineStats> stats, Hub hub, Feeds feeds, RedisCache redis,
                  StoreBackend database, Set<String> bufferedSinks, Clock clock) {
        this.options = options;
        this.stats = stats;
        this.hub = hub;
        this.feeds = feeds;
        this.redis = redis;
        this.database = database;
        this.bufferedSinks = Set.copyOf(bufferedSinks);
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    public void register(Javalin app) {
        app.get("/health", this::health);
        app.get("/health/live", ctx -> ctx.json(Map.of("status", OK)));
        app.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        Map<String, Object> report = report();
        boolean ready = !CRITICAL.equals(report.get("status"));
        for (TickSource feed : feeds.all()) {
            ready &= feed.status().state() == SourceState.CONNECTED;
        }
        ctx.status(ready ? 200 : 503).contentType("application/json")
                .result(Tree.json(Map.of("status", ready ? "ready" : "not_ready")));
    }

    private void health(Context ctx) {
        Map<String, Object> report = report();
        ctx.status(CRITICAL.equals(report.get("status")) ? 503 : 200).contentType("application/json")
                .result(Tree.json(report));
    }

    /** The health report as a tree. */
    public Map<String, Object> report() {
        EngineStats s = stats.get();
        long now = clock.millis();
        Map<String, Object> checks = new LinkedHashMap<>();
        List<String> levels = new ArrayList<>();

        Map<String, Object> feed = new LinkedHashMap<>();
        String feedLevel = OK;
        List<Object> sources = new ArrayList<>();
        for (SourceStatus src : s.sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", src.source());
            m.put("state", src.state().name().toLowerCase(java.util.Locale.ROOT));
            m.put("detail", src.detail());
            sources.add(m);
            if (src.state() == SourceState.AUTH_FAILED || src.state() == SourceState.FAILED) {
                feedLevel = CRITICAL;
            } else if (src.state() != SourceState.CONNECTED && !feedLevel.equals(CRITICAL)) {
                feedLevel = DEGRADED;
            }
        }
        feed.put("status", feedLevel);
        feed.put("sources", sources);
        if (!feeds.all().isEmpty()) {
            List<Object> conns = new ArrayList<>();
            List<Object> outages = new ArrayList<>();
            if (feeds.kite() != null) {
                boolean up = false;
                long heard = 0;
                List<KiteConnectionStatus> kite = feeds.kite().connections();
                for (KiteConnectionStatus c : kite) {
                    conns.add(connection("kite", c.name(), c.account(), c.instruments(), c.status().state()));
                    up |= c.status().state() == SourceState.CONNECTED;
                    heard = Math.max(heard, c.stats().lastFrameMillis());
                }
                feed.put("unassigned_instruments", (long) feeds.kite().unassigned().size());
                feedLevel = worst(List.of(feedLevel, outage("kite", kite.size(), up, heard, now, outages)));
            }
            if (feeds.angelOne() != null) {
                boolean up = false;
                long heard = 0;
                List<AngelOneTickSource> angelOne = feeds.angelOne().connections();
                for (AngelOneTickSource c : angelOne) {
                    conns.add(connection("angelone", c.name(), c.options().clientCode(), c.size(), c.status().state()));
                    up |= c.status().state() == SourceState.CONNECTED;
                    heard = Math.max(heard, c.stats().lastMessageMillis());
                }
                feedLevel = worst(List.of(feedLevel, outage("angelone", angelOne.size(), up, heard, now, outages)));
            }
            feed.put("status", feedLevel);
            feed.put("connections", conns);
            feed.put("outages", outages);
        }
        checks.put("feed", feed);
        levels.add(feedLevel);

        long last = hub.lastTickMillis();
        long age = last == 0 ? -1 : now - last;
        String tickLevel = last == 0 || age > options.staleTickAge().toMillis() ? DEGRADED : OK;
        checks.put("last_tick", map("status", tickLevel, "age_ms", age));
        levels.add(tickLevel);

        if (redis != null) {
            String r = redis.ping() ? OK : DEGRADED;
            checks.put("redis", map("status", r, "configured", true));
            levels.add(r);
        } else {
            checks.put("redis", map("status", OK, "configured", false));
        }

        List<Object> sinks = new ArrayList<>();
        String sinkLevel = OK;
        String dbLevel = OK;
        long buffer = 0;
        List<SinkStats> all = new ArrayList<>(s.tickSinks());
        all.addAll(s.candleSinks());
        for (SinkStats k : all) {
            String level = k.degraded() || k.queueDepth() > DEGRADED_BACKLOG ? DEGRADED : OK;
            if (k.full() || k.queueDepth() > CRITICAL_BACKLOG) {
                level = CRITICAL;
            }
            if (bufferedSinks.contains(k.name())) {
                buffer += k.queueDepth();
            }
            boolean store = database.sinkNames().contains(k.name());
            if (store && k.circuit() == CircuitState.OPEN) {
                level = CRITICAL;
            }
            if (store && !level.equals(OK)) {
                dbLevel = worst(List.of(dbLevel, level));
            }
            sinkLevel = worst(List.of(sinkLevel, level));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", k.name());
            m.put("status", level);
            m.put("policy", k.policy().name());
            m.put("queue_depth", k.queueDepth());
            m.put("dropped", k.dropped());
            m.put("errors", k.errors());
            m.put("lag_ms", k.lagMillis());
            m.put("circuit", k.circuit().name());
            sinks.add(m);
        }
        if (database.degraded().getAsBoolean()) {
            dbLevel = worst(List.of(dbLevel, DEGRADED));
        }
        checks.put("database", map("status", dbLevel, "kind", database.kind(), "location", database.location()));
        if (buffer > CRITICAL_BACKLOG) {
            sinkLevel = CRITICAL;
        }
        checks.put("sinks", map("status", sinkLevel, "buffer", buffer, "sinks", sinks));
        levels.add(sinkLevel);
        levels.add(dbLevel);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", worst(levels));
        out.put("timestamp", Instant.ofEpochMilli(now));
        out.put("checks", checks);
        return out;
    }

    /**
     * The level of a configured feed with {@code connections} connections, {@code up} when one is connected,
     * {@code heard} the newest time any of them received something (0 for never); a feed that is down is
     * added to {@code outages}. A feed without connections has nothing to carry and is not down.
     */
    private String outage(String feed, int connections, boolean up, long heard, long now, List<Object> outages) {
        if (up || connections == 0) {
            return OK;
        }
        long silent = now - Math.max(heard, startedAt);
        String level = silent > FEED_OUTAGE_GRACE.toMillis() ? CRITICAL : DEGRADED;
        outages.add(map("feed", feed, "status", level, "connections", (long) connections, "silent_ms", silent));
        return level;
    }

    private static Map<String, Object> connection(String feed, String name, String account, int instruments,
                                                  SourceState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feed", feed);
        m.put("name", name);
        m.put("account", account);
        m.put("instruments", (long) instruments);
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    private static String worst(List<String> levels) {
        return levels.contains(CRITICAL) ? CRITICAL : levels.contains(DEGRADED) ? DEGRADED : OK;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Integer n ? (Object) n.longValue() : v);
        }
        return m;
    }
}
