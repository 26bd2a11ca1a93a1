package io.tickengine.server.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tickengine.cache.redis.RedisCache;
import io.tickengine.cache.redis.RedisCacheException;
import io.tickengine.cache.redis.RedisCacheReader;
import io.tickengine.core.Tick;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.store.CandleHistory;
import io.tickengine.core.store.TickHistory;
import io.tickengine.core.store.TimeRange;
import io.tickengine.core.time.Clock;
import io.tickengine.core.time.MarketTime;
import io.tickengine.server.auth.AuthenticationException;
import io.tickengine.server.auth.Authenticator;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.internal.Instruments;
import io.tickengine.server.internal.Tree;
import io.tickengine.server.ws.ClientSession;
import io.tickengine.server.ws.Hub;
import io.tickengine.server.ws.Messages;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API: seed 000's {@code /api/ticks/*}, latest ticks for HTTP polling, candles, instrument
 * search and {@code /ws/stats}. Errors are problem details; bad parameters answer 400.
 */
public final class RestRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(RestRoutes.class);

    /** Most ticks or candles one query returns. */
    public static final int MAX_ROWS = 10_000;
    /**
     * Most minutes {@code /api/ticks/today/{symbol}?lastMinutes=} takes: a calendar day, which holds any trading
     * day. Bounding it keeps {@code minutes * 60,000} far from overflowing into a 500 or a wrong window.
     */
    public static final int MAX_LAST_MINUTES = 1440;
    /** How long {@code /today} answers from the database alone after Redis failed, before trying Redis again. */
    public static final long REDIS_RETRY_MILLIS = 5_000;
    /** Instruments {@code /api/instruments} returns when no limit is given. */
    public static final int DEFAULT_INSTRUMENTS = 50;
    /** Most instruments {@code /api/instruments} returns; a larger limit is cut to this. */
    public static final int MAX_INSTRUMENTS = 1000;
    /** Response header set when a query matched more rows than it returned. */
    public static final String TRUNCATED = "X-Truncated";

    private final InstrumentRegistry registry;
    private final LatestTicks latest;
    private final TickHistory ticks;
    private final CandleHistory candles;
    private final RedisCache redis;
    private final Hub hub;
    private final Authenticator auth;
    private final Runnable refreshInstruments;
    private final List<CandleInterval> intervals;
    private final Clock clock;
    private final Runnable redisFallback;
    /** Until when {@code /today} answers from the database without trying Redis, after Redis failed. */
    private volatile long redisRetryAt;

    /**
     * Routes over these sources; {@code intervals} are the candle intervals the server builds, the only ones
     * stored, and {@code redisFallback} counts each time Redis failed and the database answered instead.
     */
    public RestRoutes(InstrumentRegistry registry, LatestTicks latest, TickHistory ticks, CandleHistory candles,
                      RedisCache redis, Hub hub, Authenticator auth, Runnable refreshInstruments,
                      List<CandleInterval> intervals, Clock clock, Runnable redisFallback) {
        this.registry = registry;
        this.latest = latest;
        this.ticks = ticks;
        this.candles = candles;
        this.redis = redis;
        this.hub = hub;
        this.auth = auth;
        this.refreshInstruments = refreshInstruments;
        this.intervals = List.copyOf(intervals);
        this.clock = clock;
        this.redisFallback = Objects.requireNonNull(redisFallback, "redisFallback");
    }

    public void register(Javalin app) {
        app.before("/api/*", ctx -> authenticate(ctx, ctx.path().startsWith("/api/ticks/admin/")));
        app.before("/ws/stats", ctx -> authenticate(ctx, false));
        app.get("/api/ticks/today/{symbol}", this::today);
        app.get("/api/ticks/historical", this::historical);
        app.get("/api/ticks/subscriptions", this::subscriptions);
        app.post("/api/ticks/admin/refresh-instruments", this::refresh);
        app.get("/api/ticks/latest", this::latest);
        app.get("/api/candles/{symbol}", this::candles);
        app.get("/api/instruments", this::instruments);
        app.get("/ws/stats", this::stats);
        app.exception(Problem.BadRequest.class, (e, ctx) -> Problem.send(ctx, 400, "Bad Request", e.getMessage()));
        app.exception(Problem.NotFound.class, (e, ctx) -> Problem.send(ctx, 404, "Not Found", e.getMessage()));
        app.exception(AuthenticationException.class, (e, ctx) -> Problem.send(ctx, 401, "Unauthorized", e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            Problem.send(ctx, 500, "Internal Server Error", e.getClass().getSimpleName());
        });
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/problem")) {
                Problem.send(ctx, 404, "Not Found", "no such resource: " + ctx.path());
            }
        });
    }

    private void authenticate(Context ctx, boolean admin) {
        String header = ctx.header("Authorization");
        String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
        Principal p = auth.authenticate(bearer, ctx.header("X-API-Key"));
        if (admin && !p.admin()) {
            Problem.send(ctx, 403, "Forbidden", "this endpoint needs the admin role");
            ctx.skipRemainingHandlers();
        }
    }

    private void today(Context ctx) {
        Instrument i = instrument(ctx.pathParam("symbol"));
        long now = clock.millis();
        long from = MarketTime.tradingDayStart(now);
        String minutes = ctx.queryParam("lastMinutes");
        if (minutes != null) {
            long m = Params.wholeNumber("lastMinutes", minutes, 1, MAX_LAST_MINUTES);
            from = Math.max(from, now - m * 60_000);
        }
        List<Tick> list = null;
        if (redis != null && now >= redisRetryAt) {
            try {
                list = cachedToday(i, minutes == null ? null : Duration.ofMillis(now - from));
            } catch (RedisCacheException e) {
                // Seed 000: "Fall back to database queries if Redis is unavailable". Not trying it again for a
                // while keeps requests from each waiting out a reconnect to a Redis that is down.
                redisRetryAt = now + REDIS_RETRY_MILLIS;
                LOG.warn("today's ticks of {}: Redis failed ({}); answering from the database, Redis again in {} ms",
                        i.key(), e.getMessage(), REDIS_RETRY_MILLIS);
            }
        }
        if (list == null && redis != null) {
            redisFallback.run();
        }
        if (list == null) {
            TimeRange range = new TimeRange(from, now + 1);
            list = upTo(ctx, MAX_ROWS, n -> ticks.ticksByToken(i.instrumentToken(), range, n));
        }
        json(ctx, dtos(list));
    }

    /**
     * Today's ticks of an instrument in Redis, or those of the last {@code window}. The cache keys them by
     * trading symbol alone (seed 000's {@code ticks:{date}:{symbol}}), which an instrument shares with its
     * namesakes on other exchanges (NSE:RELIANCE and BSE:RELIANCE, CDS and BCD currency futures), so
     * theirs are left out by instrument token.
     */
    private List<Tick> cachedToday(Instrument i, Duration window) {
        RedisCacheReader reader = redis.reader();
        List<Tick> all = window == null ? reader.ticksToday(i.tradingSymbol()) : reader.ticksSince(i.tradingSymbol(), window);
        List<Tick> out = new ArrayList<>(all.size());
        for (Tick t : all) {
            if (t.instrumentToken() == i.instrumentToken()) {
                out.add(t);
            }
        }
        return out;
    }

    private void historical(Context ctx) {
        String symbol = Params.required(ctx, "symbol");
        long start = Params.epochMillis("startTime", Params.required(ctx, "startTime"));
        long end = Params.epochMillis("endTime", Params.required(ctx, "endTime"));
        if (start > end) {
            throw new Problem.BadRequest("startTime must not be after endTime");
        }
        Instrument i = instrument(symbol);
        // Seed 000's BETWEEN :startTime AND :endTime: both ends included (end + 1 fits, Params bounds it).
        TimeRange range = new TimeRange(start, end + 1);
        json(ctx, dtos(upTo(ctx, limit(ctx), n -> ticks.ticksByToken(i.instrumentToken(), range, n))));
    }

    private void subscriptions(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ClientSession s : hub.sessions()) {
            TreeSet<String> symbols = new TreeSet<>();
            for (Long t : s.tokens()) {
                Instrument i = registry.findByToken(t);
                symbols.add(i == null ? String.valueOf(t) : i.tradingSymbol());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sessionId", s.id());
            m.put("endpoint", s.endpoint());
            m.put("subscribedSymbols", new ArrayList<>(symbols));
            m.put("connectedAt", Instant.ofEpochMilli(s.connectedAt()));
            out.put(s.id(), m);
        }
        json(ctx, out);
    }

    /** Seed 000's answers: 200 with the count, or 500 "Failed to refresh cache: ..." naming what could not be read. */
    private void refresh(Context ctx) {
        try {
            refreshInstruments.run();
        } catch (RuntimeException e) {
            LOG.warn("instrument refresh failed: {}", e.getMessage());
            Problem.send(ctx, 500, "Internal Server Error", "Failed to refresh cache: " + e.getMessage());
            return;
        }
        json(ctx, Map.of("status", "Instrument cache refreshed successfully", "instruments", (long) registry.size()));
    }

    private void latest(Context ctx) {
        String symbols = Params.required(ctx, "symbols");
        List<Object> out = new ArrayList<>();
        for (String s : symbols.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            Tick t = latest.get(instrument(s).instrumentToken());
            if (t != null) {
                out.add(Messages.kiteTick(t));
            }
        }
        json(ctx, out);
    }

    private void candles(Context ctx) {
        Instrument i = instrument(ctx.pathParam("symbol"));
        String iv = ctx.queryParam("interval");
        CandleInterval interval;
        try {
            interval = iv == null ? defaultInterval() : CandleInterval.parse(iv);
        } catch (IllegalArgumentException e) {
            throw new Problem.BadRequest("interval: " + e.getMessage());
        }
        if (!intervals.contains(interval)) {
            // Only the intervals the server builds are stored: any other would answer an empty list forever.
            throw new Problem.BadRequest("interval " + interval.label() + " is not built by this server; use one of "
                    + intervals.stream().map(CandleInterval::label).collect(Collectors.joining(", ")));
        }
        long now = clock.millis();
        String f = ctx.queryParam("from");
        String t = ctx.queryParam("to");
        long from = f == null ? MarketTime.tradingDayStart(now) : Params.epochMillis("from", f);
        long to = t == null ? now + 1 : Params.epochMillis("to", t);
        if (from > to) {
            throw new Problem.BadRequest("from must not be after to");
        }
        List<Object> out = new ArrayList<>();
        TimeRange range = new TimeRange(from, to);
        for (Candle c : upTo(ctx, limit(ctx), n -> candles.candles(i.instrumentToken(), interval, range, n))) {
            out.add(Messages.candle(c, i.tradingSymbol()));
        }
        json(ctx, out);
    }

    /** 1m when the server builds it, else its first interval. */
    private CandleInterval defaultInterval() {
        return intervals.contains(CandleInterval.M1) || intervals.isEmpty() ? CandleInterval.M1 : intervals.get(0);
    }

    private void instruments(Context ctx) {
        String q = ctx.queryParam("q");
        String l = ctx.queryParam("limit");
        // Checked as a long before narrowing: a cast first would let -4294967295 wrap to 1.
        int limit = l == null ? DEFAULT_INSTRUMENTS : (int) Math.min(Params.wholeNumber("limit", l, 1, Long.MAX_VALUE),
                MAX_INSTRUMENTS);
        List<Instrument> found;
        try {
            found = registry.search(q == null ? "" : q, limit);
        } catch (IllegalArgumentException e) {
            throw new Problem.BadRequest("q: " + e.getMessage());
        }
        List<Object> out = new ArrayList<>();
        for (Instrument i : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instrument_token", i.instrumentToken());
            m.put("exchange_token", i.exchangeToken());
            m.put("tradingsymbol", i.tradingSymbol());
            m.put("name", i.name());
            m.put("exchange", i.exchange().name());
            m.put("segment", i.segment());
            m.put("instrument_type", i.instrumentType());
            m.put("lot_size", (long) i.lotSize());
            m.put("tick_size", i.tickSize().toPlainString());
            m.put("expiry", i.expiry() == null ? null : i.expiry().toString());
            out.add(m);
        }
        json(ctx, out);
    }

    private void stats(Context ctx) {
        List<Object> conns = new ArrayList<>();
        long total = 0;
        java.util.Set<Long> unique = new java.util.HashSet<>();
        for (ClientSession s : hub.sessions()) {
            total += s.tokens().size();
            unique.addAll(s.tokens());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connection_id", s.id());
            m.put("user_id", s.user().subject());
            m.put("endpoint", s.endpoint());
            m.put("subscriptions", (long) s.tokens().size());
            m.put("backlog", (long) s.out().backlog());
            m.put("connected_at", Instant.ofEpochMilli(s.connectedAt()));
            conns.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active_connections", (long) conns.size());
        out.put("total_subscriptions", total);
        out.put("unique_tokens_subscribed", (long) unique.size());
        out.put("connections", conns);
        json(ctx, out);
    }

    private Instrument instrument(String text) {
        Instrument i = Instruments.resolve(registry, text);
        if (i == null) {
            throw new Problem.NotFound("unknown instrument: " + text);
        }
        return i;
    }

    /**
     * The first {@code limit} rows of a query, asked for one more: when that one comes, more matched and the
     * answer says so ({@value #TRUNCATED}: true), so a client knows to narrow its range rather than take
     * the first rows for all of them.
     */
    private static <T> List<T> upTo(Context ctx, int limit, IntFunction<List<T>> query) {
        List<T> rows = query.apply(limit + 1);
        if (rows.size() <= limit) {
            return rows;
        }
        ctx.header(TRUNCATED, "true");
        return rows.subList(0, limit);
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        if (l == null) {
            return MAX_ROWS;
        }
        return (int) Math.min(Params.wholeNumber("limit", l, 1, Long.MAX_VALUE), MAX_ROWS);
    }

    private List<Object> dtos(List<Tick> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (Tick t : list) {
            Instrument i = registry.findByToken(t.instrumentToken());
            out.add(Messages.tickDto(t, i == null ? io.tickengine.core.instrument.InstrumentClass.OTHER : i.instrumentClass()));
        }
        return out;
    }

    private static void json(Context ctx, Object tree) {
        ctx.contentType("application/json").result(Tree.json(tree));
    }
}
