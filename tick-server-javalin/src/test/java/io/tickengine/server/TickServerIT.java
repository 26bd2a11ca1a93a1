package io.tickengine.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.store.TimeRange;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.server.config.WsLimits;
import io.tickengine.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server end to end in demo mode: the simulator as feed, SQLite in a temporary directory, real WebSocket clients. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TickServerIT {
    @TempDir
    static Path dir;
    static final ObjectMapper JSON = new ObjectMapper();
    static TickServer server;
    static HttpClient http = HttpClient.newHttpClient();
    static long infy;
    static long nifty;

    @BeforeAll
    static void start() {
        WsLimits d = WsLimits.defaults();
        ServerOptions options = ServerOptions.builder().port(0).sqlitePath(dir.resolve("ticks.db"))
                .wsLimits(new WsLimits(d.maxConnectionsPerIp(), 5, d.maxSubscribesPerSecond(), 1024, List.of(),
                        64, Duration.ofSeconds(2), d.resumeWindow(), d.resumeMaxBytes()))
                .build();
        server = TickServer.create(options).start();
        InstrumentRegistry r = server.registry();
        infy = r.bySymbol("NSE:INFY").orElseThrow().instrumentToken();
        nifty = r.bySymbol("NSE:NIFTY 50").orElseThrow().instrumentToken();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.latest().get(infy) != null);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static String ws(String path) {
        return "ws://127.0.0.1:" + server.port() + path;
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void shouldConnectSubscribeAndSendSnapshotInSeed004Dialect() throws Exception {
        try (WsClient c = WsClient.connect(ws("/ws/ticks"))) {
            assertThat(c.next()).contains("\"type\":\"connected\"", "\"connection_id\"", "\"user\"", "\"timestamp\"");
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}");
            assertThat(c.next()).isEqualTo("{\"type\":\"subscribed\",\"tokens\":[" + infy + "],\"total\":1}");
            String tick = c.next();
            assertThat(tick).startsWith("{\"type\":\"tick\",\"data\":{\"instrument_token\":" + infy)
                    .contains("\"tradingsymbol\":\"INFY\"", "\"volume\":", "\"buy_quantity\":", "\"sell_quantity\":",
                            "\"change\":", "\"last_trade_time\":", "\"ohlc\":{\"open\":", "\"depth\":{\"buy\":[", "\"oi\":");
            // Exact decimals with the instrument's scale: never a double's rendering such as 1573.7 or 1E3.
            assertThat(tick).containsPattern("\"last_price\":-?\\d+\\.\\d{2}[,}]");
            c.send("{\"action\":\"ping\"}");
            assertThat(c.nextContaining("pong")).isEqualTo("{\"type\":\"pong\"}");
            c.send("{\"action\":\"unsubscribe\",\"tokens\":[" + infy + "]}");
            assertThat(c.nextContaining("unsubscribed")).contains("\"total\":0");
        }
    }

    @Test
    @Order(2)
    void shouldAnswerMalformedAndUnknownMessagesWithErrorsAndKeepState() throws Exception {
        try (WsClient c = WsClient.connect(ws("/ws/ticks"))) {
            c.next();
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}");
            c.nextContaining("subscribed");
            c.send("{not json");
            assertThat(c.nextContaining("error")).isEqualTo("{\"type\":\"error\",\"message\":\"Invalid JSON message\"}");
            c.send("{\"action\":\"dance\"}");
            assertThat(c.nextContaining("error")).isEqualTo("{\"type\":\"error\",\"message\":\"Unknown action: dance\"}");
            c.send("{\"action\":\"unsubscribe\",\"tokens\":\"all\"}");
            assertThat(c.nextContaining("error")).contains("tokens must be a list of instrument tokens");
            c.send("{\"action\":\"subscribe\",\"tokens\":[1,2,3,4,5,6]}");
            assertThat(c.nextContaining("error")).contains("Unknown instrument tokens");
            c.send("{\"action\":\"subscribe\",\"tokens\":[\"NSE:INFY\",\"NSE:NOSUCH\"]}");
            assertThat(c.nextContaining("error"))
                    .isEqualTo("{\"type\":\"error\",\"message\":\"Unknown instruments: [NSE:NOSUCH]\"}");
            c.send("x".repeat(2000));
            assertThat(c.nextContaining("error")).contains("Message too large");
            // The limit is in UTF-8 bytes: 600 two-byte characters are 1,200 bytes against 1,024.
            c.send("{\"action\":\"" + "é".repeat(600) + "\"}");
            assertThat(c.nextContaining("error")).contains("Message too large");
            assertThat(get("/ws/stats").body()).contains("\"total_subscriptions\":1");
            // Still subscribed: ticks keep coming.
            assertThat(c.nextContaining("\"type\":\"tick\"")).contains("\"instrument_token\":" + infy);
        }
        // Far over the limit Jetty closes the socket itself; that is counted too.
        long sizeHits = server.hub().counters().limitHits().getOrDefault("message_size", 0L);
        try (WsClient c = WsClient.connect(ws("/ws/ticks"))) {
            c.next();
            c.send("x".repeat(5_000));
            assertThat(c.closeStatus()).startsWith("1009");
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.hub().counters().limitHits().getOrDefault("message_size", 0L) == sizeHits + 1);
    }

    @Test
    @Order(3)
    void shouldSpeakSeed000OnSelectiveAndAllEndpoints() throws Exception {
        try (WsClient c = WsClient.connect(ws("/ws/indices"));
             WsClient all = WsClient.connect(ws("/ws/indices/all"))) {
            c.send("{\"action\":\"SUBSCRIBE\",\"type\":\"INDEX\",\"symbols\":[\"NIFTY 50\"]}");
            assertThat(c.next()).contains("\"type\":\"SUBSCRIBED\"", "\"subscribedSymbols\":[\"NIFTY 50\"]",
                    "\"endpoint\":\"/ws/indices\"");
            String dto = c.next();
            assertThat(dto).startsWith("{\"symbol\":\"NIFTY 50\",\"instrumentToken\":" + nifty + ",\"type\":\"INDEX\"")
                    .contains("\"timestamp\":\"", "\"lastTradedPrice\":", "\"ohlc\":{");
            c.send("{\"action\":\"SUBSCRIBE\",\"type\":\"STOCK\",\"symbols\":[]}");
            assertThat(c.nextContaining("ERROR")).contains("Invalid subscription request:", "symbols must not be empty");
            c.send("{oops");
            assertThat(c.nextContaining("ERROR")).contains("Invalid JSON format:");
            assertThat(all.nextContaining("\"type\":\"INDEX\"")).contains("\"symbol\":");
        }
        // Frame options at connect work in this dialect too: TickDtos in batched frames, or an ERROR for bad options.
        try (WsClient batched = WsClient.connect(ws("/ws/indices/all?batch=50"));
             WsClient bad = WsClient.connect(ws("/ws/indices?format=xml"))) {
            String frame = batched.nextContaining("\"type\":\"ticks\"");
            assertThat(frame).startsWith("{\"type\":\"ticks\",\"data\":[{\"symbol\":\"");
            assertThat(JSON.readTree(frame).get("data").isArray()).isTrue();
            assertThat(bad.nextContaining("ERROR")).isEqualTo(
                    "{\"type\":\"ERROR\",\"message\":\"Invalid options: format must be json or msgpack\"}");
        }
    }

    @Test
    @Order(4)
    void shouldEnforceSubscriptionLimit() throws Exception {
        List<Long> stocks = server.registry().nseStocks().stream().limit(6).map(i -> i.instrumentToken()).toList();
        try (WsClient c = WsClient.connect(ws("/ws/ticks"))) {
            c.next();
            c.send("{\"action\":\"subscribe\",\"tokens\":" + stocks + "}");
            assertThat(c.nextContaining("error")).contains("Subscription limit exceeded: at most 5");
        }
    }

    @Test
    @Order(5)
    void shouldNotLetASlowClientDelayAFastOne() throws Exception {
        List<Long> tokens = server.registry().nseStocks().stream().limit(5).map(i -> i.instrumentToken()).toList();
        String sub = "{\"action\":\"subscribe\",\"tokens\":" + tokens + "}";
        try (WsClient slow = WsClient.connect(ws("/ws/ticks"), Map.of(), false);
             WsClient fast = WsClient.connect(ws("/ws/ticks"))) {
            slow.send(sub);
            fast.next();
            fast.send(sub);
            fast.nextContaining("subscribed");
            long start = System.nanoTime();
            int ticks = 0;
            while (ticks < 100) {
                String m = fast.messages.poll(5, TimeUnit.SECONDS);
                assertThat(m).as("fast client starved after %d ticks", ticks).isNotNull();
                if (m.contains("\"type\":\"tick\"")) {
                    ticks++;
                }
            }
            // 5 instruments every 100 ms: 100 ticks take about 2 s when nothing holds the fast client back.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    @Order(6)
    void shouldServeRestContractsAndRejectBadParameters() throws Exception {
        HttpResponse<String> latest = get("/api/ticks/latest?symbols=NSE:INFY,NIFTY%2050");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).contains("\"tradingsymbol\":\"INFY\"", "\"tradingsymbol\":\"NIFTY 50\"");
        HttpResponse<String> bad = get("/api/ticks/historical?symbol=INFY&startTime=2025-01-02T00:00:00Z"
                + "&endTime=2025-01-01T00:00:00Z");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(bad.body()).contains("\"status\":400", "startTime must not be after endTime");
        assertThat(get("/api/ticks/historical?symbol=INFY&startTime=yesterday&endTime=2025-01-01T00:00:00Z").statusCode())
                .isEqualTo(400);
        assertThat(get("/api/candles/INFY?interval=7x").statusCode()).isEqualTo(400);
        HttpResponse<String> unbuilt = get("/api/candles/INFY?interval=2m");
        assertThat(unbuilt.statusCode()).isEqualTo(400);
        assertThat(unbuilt.body()).contains("interval 2m is not built by this server; use one of 1s, 1m, 5m, 15m, 1h");
        assertThat(get("/api/ticks/today/NOSUCH").statusCode()).isEqualTo(404);
        String now = java.time.Instant.now().plusSeconds(1).toString();
        String hour = java.time.Instant.now().minusSeconds(3600).toString();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                get("/api/ticks/historical?symbol=INFY&startTime=" + hour + "&endTime=" + now).body().contains("\"symbol\":\"INFY\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(
                get("/api/ticks/historical?symbol=INFY&startTime=" + hour + "&endTime=" + now).body()).size() >= 2);
        HttpResponse<String> cut = get("/api/ticks/historical?symbol=INFY&startTime=" + hour + "&endTime=" + now + "&limit=1");
        assertThat(JSON.readTree(cut.body()).size()).isEqualTo(1);
        assertThat(cut.headers().firstValue("X-Truncated")).hasValue("true");
        HttpResponse<String> whole = get("/api/ticks/historical?symbol=INFY&startTime=" + hour + "&endTime=" + now);
        assertThat(whole.headers().firstValue("X-Truncated")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/candles/INFY?interval=1s").body().contains("\"open\":"));
        assertThat(get("/api/instruments?q=INF").body()).contains("\"tradingsymbol\":\"INFY\"");
        assertThat(get("/api/ticks/subscriptions").statusCode()).isEqualTo(200);
        assertThat(get("/ws/stats").body()).contains("\"active_connections\":", "\"unique_tokens_subscribed\":");
    }

    @Test
    @Order(7)
    void shouldReportHealthAndMetrics() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"ok\"").contains("\"feed\":", "\"last_tick\":", "\"redis\":",
                "\"database\":", "\"sinks\":");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("tickengine_ticks_received_total", "tickengine_ticks_broadcast_total",
                "tickengine_ticks_persisted_total", "tickengine_websocket_sessions_active", "tickengine_kite_connection_status",
                "tickengine_buffer_size", "tickengine_sink_queue_depth{sink=\"sqlite-ticks\"}", "jvm_memory_used_bytes",
                "tickengine_websocket_resume_ticks", "tickengine_websocket_resume_bytes",
                "tickengine_persistence_duration_seconds_count", "tickengine_persistence_duration_seconds_sum",
                "tickengine_sink_batch_duration_seconds_count{sink=\"sqlite-ticks\"}");
    }

    @Test
    @Order(8)
    void shouldAnswer400NamingTheParameterForInstantsWithoutEpochMilliseconds() throws Exception {
        // Instant.parse takes these, but they have no epoch milliseconds: a 500 (ArithmeticException) before.
        String far = "%2B300000000-01-01T00:00:00Z";
        String past = "-300000000-01-01T00:00:00Z";
        Map<String, String> cases = Map.of(
                "/api/ticks/historical?symbol=INFY&startTime=" + far + "&endTime=2025-01-01T00:00:00Z", "startTime",
                "/api/ticks/historical?symbol=INFY&startTime=" + past + "&endTime=2025-01-01T00:00:00Z", "startTime",
                "/api/ticks/historical?symbol=INFY&startTime=2025-01-01T00:00:00Z&endTime=" + far, "endTime",
                "/api/candles/INFY?from=" + past, "from",
                "/api/candles/INFY?from=2025-01-01T00:00:00Z&to=" + far, "to");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = get(c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
            assertThat(JSON.readTree(r.body()).path("detail").asText()).as(c.getKey())
                    .startsWith(c.getValue() + " must be an instant from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z");
        }
        assertThat(get("/api/ticks/historical?symbol=INFY&startTime=0000-01-01T00:00:00Z&endTime=9999-12-31T23:59:59.999Z&limit=1")
                .statusCode()).isEqualTo(200);
        assertThat(get("/api/candles/INFY?from=0000-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z&limit=1").statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(9)
    void shouldCheckTheInstrumentSearchParametersBeforeUsingThem() throws Exception {
        // (int) -4294967295 is 1: the cast used to come before the check.
        for (String limit : List.of("-4294967295", "0", "-1", "99999999999999999999")) {
            HttpResponse<String> r = get("/api/instruments?q=INF&limit=" + limit);
            assertThat(r.statusCode()).as(limit).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("detail").asText()).isEqualTo("limit must be positive, was '" + limit + "'");
        }
        assertThat(get("/api/instruments?q=INF&limit=x").body()).contains("limit must be a whole number");
        assertThat(JSON.readTree(get("/api/instruments?limit=4294967297").body()).size())
                .isEqualTo(server.registry().search("", 1000).size());
        // A search the registry refuses is the client's mistake, not a 500.
        HttpResponse<String> noExchange = get("/api/instruments?q=:INFY");
        assertThat(noExchange.statusCode()).isEqualTo(400);
        assertThat(noExchange.body()).contains("q: search prefix must be SYMBOL or");
    }

    @Test
    @Order(10)
    void shouldAnswer400ForLastMinutesOutsideADay() throws Exception {
        // lastMinutes * 60,000 overflowed: the first made a window ending before it started (a 500), the second
        // wrapped to a negative window (a wrong answer).
        for (String m : List.of("9223372036854775807", "153722867280913", "1441", "0", "-5", "99999999999999999999")) {
            HttpResponse<String> r = get("/api/ticks/today/INFY?lastMinutes=" + m);
            assertThat(r.statusCode()).as(m).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
            assertThat(JSON.readTree(r.body()).path("detail").asText()).isEqualTo("lastMinutes must be from 1 to 1440, was '" + m + "'");
        }
        assertThat(get("/api/ticks/today/INFY?lastMinutes=1440").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/ticks/today/INFY?lastMinutes=1").body()
                .contains("\"symbol\":\"INFY\""));
    }

    @Test
    @Order(11)
    void shouldIncludeTicksStampedExactlyAtEndTimeInHistory() throws Exception {
        String hour = java.time.Instant.now().minusSeconds(3600).toString();
        String now = java.time.Instant.now().toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(
                get("/api/ticks/historical?symbol=INFY&startTime=" + hour + "&endTime=" + now + "&limit=1").body()).size() == 1);
        String stamp = JSON.readTree(get("/api/ticks/historical?symbol=INFY&startTime=" + hour + "&endTime=" + now
                + "&limit=1").body()).get(0).get("timestamp").asText();
        // startTime == endTime is the one instant: seed 000's BETWEEN, not an always empty half-open range.
        var exact = JSON.readTree(get("/api/ticks/historical?symbol=INFY&startTime=" + stamp + "&endTime=" + stamp).body());
        assertThat(exact.size()).isPositive();
        exact.forEach(t -> assertThat(t.get("timestamp").asText()).isEqualTo(stamp));
        var upTo = JSON.readTree(get("/api/ticks/historical?symbol=INFY&startTime=" + hour + "&endTime=" + stamp).body());
        assertThat(upTo.get(upTo.size() - 1).get("timestamp").asText()).isEqualTo(stamp);
    }

    @Test
    @Order(12)
    void shouldCountMalformedFeedFramesAndRejectedTicksInMetrics() throws Exception {
        String before = get("/metrics").body();
        double parseErrors = sample(before, "tickengine_feed_parse_errors_total{feed=\"kite\"}");
        double zeroPrice = sample(before, "tickengine_ticks_rejected_total{issue=\"zero_price\"}");
        assertThat(before).contains("tickengine_ticks_issues_total{issue=\"out_of_order\"}",
                "tickengine_feed_reconnects_total{feed=\"kite\"}",
                "tickengine_sink_reported{name=\"lateTicksDropped\",sink=\"candles\"}");

        server.simulator().sendMalformedFrame();
        // One LTP packet (token, price in paise) with a zero price: decoded fine, refused by the validation.
        server.simulator().sendBinary(java.nio.ByteBuffer.allocate(12).putShort((short) 1).putShort((short) 8)
                .putInt((int) infy).putInt(0).flip());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String after = get("/metrics").body();
            assertThat(sample(after, "tickengine_feed_parse_errors_total{feed=\"kite\"}")).isEqualTo(parseErrors + 1);
            assertThat(sample(after, "tickengine_ticks_rejected_total{issue=\"zero_price\"}")).isEqualTo(zeroPrice + 1);
        });
    }

    /** The value of one Prometheus series, as {@code name{labels}} appears in the scrape. */
    static double sample(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in /metrics");
    }

    @Test
    @Order(100)
    void shouldCloseClientsWith1001AndLoseNothingOnShutdown() throws Exception {
        WsClient c = WsClient.connect(ws("/ws/ticks"));
        c.next();
        assertThat(server.stop()).isTrue();
        assertThat(c.closeStatus()).startsWith("1001");
        long accepted = server.engine().stats().accepted();
        try (SqliteStore store = SqliteStore.open(dir.resolve("ticks.db"))) {
            int stored = store.ticks().ticks(new TimeRange(0, Long.MAX_VALUE), Integer.MAX_VALUE).size();
            assertThat(stored).isEqualTo((int) accepted);
        }
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static List<String> drain(WsClient c) {
        List<String> out = new ArrayList<>();
        c.messages.drainTo(out);
        return out;
    }
}
