package io.tickengine.server.rest;

import io.tickengine.core.candle.CandleInterval;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.server.health.Health;
import io.tickengine.server.rest.ApiEndpoint.Param;
import io.tickengine.server.rest.ApiEndpoint.Response;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table of every REST endpoint the server registers, with parameters and answers: the single
 * source of {@code /openapi.json}. A test checks it against the routes Javalin actually registered.
 */
public final class ApiCatalog {
    private static final String TICKS = "ticks";
    private static final String MARKET = "market data";
    private static final String OPS = "operations";

    private static final Map<String, Object> TICK_DTO_LIST = array(object("Seed 000 TickDto",
            "symbol", "string", "instrumentToken", "integer", "type", "string", "timestamp", "string",
            "lastTradedPrice", "number", "volume", "integer", "ohlc", "object", "sequence", "integer"));
    private static final Map<String, Object> KITE_TICK_LIST = array(object("Seed 004 tick data (Kite quote naming)",
            "instrument_token", "integer", "tradingsymbol", "string", "last_price", "number", "volume", "integer",
            "buy_quantity", "integer", "sell_quantity", "integer", "change", "number", "last_trade_time", "string",
            "ohlc", "object", "receive_timestamp", "string", "sequence", "integer"));

    private ApiCatalog() {
    }

    /** Every REST endpoint, in the order they are documented. */
    public static List<ApiEndpoint> endpoints() {
        return List.of(
                get("/api/ticks/today/{symbol}", TICKS, "Today's ticks of an instrument, optionally only the last minutes "
                                + "(from Redis when configured; from the database without Redis or when Redis fails, "
                                + "its first " + RestRoutes.MAX_ROWS + " with the header " + RestRoutes.TRUNCATED
                                + ": true when there are more)",
                        List.of(symbolPath(), query("lastMinutes", false, "integer", null,
                                "only ticks of the last N minutes of the trading day, from 1 to " + RestRoutes.MAX_LAST_MINUTES)),
                        TICK_DTO_LIST, 400, 401, 404),
                get("/api/ticks/historical", TICKS, "Stored ticks of an instrument from startTime to endTime, both included",
                        List.of(query("symbol", true, "string", null, "trading symbol, EXCHANGE:SYMBOL or instrument token"),
                                instant("startTime", true, "included, not after endTime"), instant("endTime", true, "included"),
                                limit()),
                        TICK_DTO_LIST, 400, 401, 404),
                get("/api/ticks/subscriptions", TICKS, "WebSocket sessions and the symbols each subscribed to", List.of(),
                        object("sessions by id"), 401),
                endpoint("post", "/api/ticks/admin/refresh-instruments", TICKS, "admin", "Reloads the instrument master",
                        List.of(), object("status and instrument count", "status", "string", "instruments", "integer"), 401, 403),
                get("/api/ticks/latest", MARKET, "Latest tick of each symbol (HTTP polling fallback)",
                        List.of(query("symbols", true, "string", null, "comma-separated symbols")), KITE_TICK_LIST, 400, 401, 404),
                get("/api/candles/{symbol}", MARKET, "Candles of an instrument for an interval and time range",
                        List.of(symbolPath(), query("interval", false, "string", null, "one of the intervals the server builds (CANDLE_INTERVALS, by default "
                                + ServerOptions.DEFAULT_CANDLE_INTERVALS.stream().map(CandleInterval::label).collect(Collectors.joining(", "))
                                + "; default 1m)"),
                                instant("from", false, "; default: start of the trading day"),
                                instant("to", false, "; default: now"), limit()),
                        array(object("candle", "instrument_token", "integer", "tradingsymbol", "string", "interval", "string",
                                "start", "string", "end", "string", "open", "number", "high", "number", "low", "number",
                                "close", "number", "volume", "integer", "tick_count", "integer", "revision", "integer")),
                        400, 401, 404),
                get("/api/instruments", MARKET, "Searches the instrument master",
                        List.of(query("q", false, "string", null, "text in the symbol or name"),
                                query("limit", false, "integer", null, "most results, positive (default "
                                        + RestRoutes.DEFAULT_INSTRUMENTS + ", at most " + RestRoutes.MAX_INSTRUMENTS + ")")),
                        array(object("instrument", "instrument_token", "integer", "tradingsymbol", "string", "name", "string",
                                "exchange", "string", "segment", "string", "instrument_type", "string", "lot_size", "integer",
                                "tick_size", "string", "expiry", "string")), 400, 401),
                get("/ws/stats", OPS, "WebSocket connection statistics (seed 004 shape)", List.of(),
                        object("stats", "active_connections", "integer", "total_subscriptions", "integer",
                                "unique_tokens_subscribed", "integer", "connections", "array"), 401),
                answering(endpoint("get", "/health", OPS, "none", "Overall status with per-dependency detail; critical when "
                                + "a configured feed has had no connection for " + Health.FEED_OUTAGE_GRACE.toSeconds()
                                + " s or a sink's backlog (or the database's and Redis's together) exceeds "
                                + Health.CRITICAL_BACKLOG + " items", List.of(),
                                healthReport("ok or degraded", Health.OK, Health.DEGRADED)),
                        503, Response.json("Critical: a dependency is down; the body is the same health report",
                                healthReport("critical", Health.CRITICAL))),
                endpoint("get", "/health/live", OPS, "none", "Liveness: the process answers", List.of(),
                        status("the process answers", Health.OK)),
                answering(endpoint("get", "/health/ready", OPS, "none", "Readiness: the feed and stores can serve",
                                List.of(), status("ready", "ready")),
                        503, Response.json("Not ready: health is critical or a feed is not connected",
                                status("not ready", "not_ready"))),
                answering(endpoint("get", "/metrics", OPS, "none", "Prometheus metrics", List.of(), Map.of("type", "string")),
                        200, new Response("OK", "text/plain", Map.of("type", "string", "description",
                                "Prometheus text exposition format 0.0.4"))),
                endpoint("get", "/openapi.json", OPS, "none", "This document", List.of(), Map.of("type", "object")));
    }

    private static ApiEndpoint get(String path, String tag, String summary, List<Param> params, Map<String, Object> body,
                                   int... errors) {
        return endpoint("get", path, tag, "user", summary, params, body, errors);
    }

    /** An endpoint answering 200 with a JSON {@code body}, and each of {@code errors} with problem details. */
    private static ApiEndpoint endpoint(String method, String path, String tag, String security, String summary,
                                        List<Param> params, Map<String, Object> body, int... errors) {
        Map<Integer, Response> responses = new HashMap<>();
        responses.put(200, Response.json("OK", body));
        for (int e : errors) {
            responses.put(e, Response.problem(switch (e) {
                case 400 -> "Malformed or inconsistent parameter";
                case 401 -> "Missing or invalid credentials";
                case 403 -> "Needs the admin role or an admin API key";
                case 404 -> "Unknown instrument";
                default -> "Error";
            }));
        }
        if (!security.equals("none")) {
            responses.put(500, Response.problem("Unexpected server error"));
        }
        return new ApiEndpoint(method, path, tag, summary, security, params, responses);
    }

    /** The endpoint with {@code status} answered by {@code response} instead of the default. */
    private static ApiEndpoint answering(ApiEndpoint e, int status, Response response) {
        Map<Integer, Response> responses = new HashMap<>(e.responses());
        responses.put(status, response);
        return new ApiEndpoint(e.method(), e.path(), e.tag(), e.summary(), e.security(), e.params(), responses);
    }

    /** The body of {@code /health}: {@link Health#report()} with one of {@code statuses}. */
    private static Map<String, Object> healthReport(String description, String... statuses) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", Map.of("type", "string", "enum", List.of(statuses)));
        p.put("timestamp", Map.of("type", "string", "format", "date-time"));
        p.put("checks", Map.of("type", "object", "description",
                "feed, last_tick, redis, database and sinks, each with its status and detail"));
        return Map.of("type", "object", "description", "health report: " + description, "properties", p,
                "required", List.of("status", "timestamp", "checks"));
    }

    /** {@code {"status": value}}. */
    private static Map<String, Object> status(String description, String value) {
        return Map.of("type", "object", "description", description, "properties",
                Map.of("status", Map.of("type", "string", "enum", List.of(value))), "required", List.of("status"));
    }

    private static Param symbolPath() {
        return new Param("symbol", "path", true, "string", null, "trading symbol, EXCHANGE:SYMBOL or instrument token");
    }

    private static Param query(String name, boolean required, String type, String format, String description) {
        return new Param(name, "query", required, type, format, description);
    }

    /** An instant parameter; {@code more} follows the range it takes. */
    private static Param instant(String name, boolean required, String more) {
        return query(name, required, "string", "date-time", "ISO-8601 instant from " + Params.EARLIEST + " to "
                + Params.LATEST + (more.isEmpty() || more.startsWith(";") ? more : ", " + more));
    }

    private static Param limit() {
        return query("limit", false, "integer", null, "most rows, positive (at most " + RestRoutes.MAX_ROWS + "); when more match, the "
                + "first rows come back with the header " + RestRoutes.TRUNCATED + ": true");
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    /** An object schema with alternating property names and types. */
    private static Map<String, Object> object(String description, String... props) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], Map.of("type", props[i + 1]));
        }
        return Map.of("type", "object", "description", description, "properties", p);
    }
}
