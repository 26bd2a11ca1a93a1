package io.tickengine.server;

import io.tickengine.server.config.ServerOptions;
import io.tickengine.server.config.WsLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** WebSocket limits end to end (per-IP connections, subscribe rate, origin), a truly slow socket, and live candles. */
class ServerLimitsIT {
    static final String ORIGIN = "https://app.example";
    static final Map<String, String> ALLOWED = Map.of("Origin", ORIGIN);
    @TempDir
    static Path dir;
    static TickServer server;
    static long infy;

    @BeforeAll
    static void start() {
        WsLimits limits = new WsLimits(3, 500, 2, 64 * 1024, List.of(ORIGIN), 8, Duration.ofMillis(500),
                WsLimits.DEFAULT_RESUME_WINDOW, WsLimits.DEFAULT_RESUME_MAX_BYTES);
        server = TickServer.create(ServerOptions.builder().port(0).sqlitePath(dir.resolve("t.db")).wsLimits(limits).build())
                .start();
        infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.latest().get(infy) != null);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void noSessionsLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.hub().sessions().isEmpty());
    }

    static String ws(String path) {
        return "ws://127.0.0.1:" + server.port() + path;
    }

    static String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static double metric(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return -1;
    }

    @Test
    void shouldRefuseADisallowedOriginWith1008AndCountIt() throws Exception {
        long before = server.hub().counters().limitHits().getOrDefault("origin", 0L);
        try (WsClient c = WsClient.connect(ws("/ws/ticks"), Map.of("Origin", "https://evil.example"), true)) {
            assertThat(c.closeStatus()).isEqualTo("1008 Origin not allowed");
        }
        try (WsClient c = WsClient.connect(ws("/ws/ticks"), Map.of(), true)) {
            assertThat(c.closeStatus()).isEqualTo("1008 Origin not allowed");
        }
        assertThat(server.hub().counters().limitHits().get("origin")).isEqualTo(before + 2);
        assertThat(metric(metrics(), "tickengine_websocket_limit_hits_total{limit=\"origin\"}")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldRefuseConnectionsBeyondThePerAddressLimit() throws Exception {
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                WsClient c = WsClient.connect(ws("/ws/ticks"), ALLOWED, true);
                open.add(c);
                assertThat(c.next()).contains("\"type\":\"connected\"");
            }
            try (WsClient fourth = WsClient.connect(ws("/ws/ticks"), ALLOWED, true)) {
                assertThat(fourth.closeStatus()).isEqualTo("1008 Too many connections from this address (limit 3)");
            }
            assertThat(metric(metrics(), "tickengine_websocket_limit_hits_total{limit=\"connections_per_ip\"}"))
                    .isGreaterThanOrEqualTo(1);
        } finally {
            open.forEach(WsClient::close);
        }
        // A slot frees when a client leaves.
        await().atMost(Duration.ofSeconds(10)).until(() -> server.hub().sessions().isEmpty());
        try (WsClient again = WsClient.connect(ws("/ws/ticks"), ALLOWED, true)) {
            assertThat(again.next()).contains("\"type\":\"connected\"");
        }
    }

    @Test
    void shouldAnswerTooManySubscribesWithAnErrorAndCountIt() throws Exception {
        long before = server.hub().counters().limitHits().getOrDefault("subscribe_rate", 0L);
        try (WsClient c = WsClient.connect(ws("/ws/ticks"), ALLOWED, true)) {
            c.next();
            for (int i = 0; i < 4; i++) {
                c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}");
            }
            assertThat(c.nextContaining("\"type\":\"error\"")).isEqualTo(
                    "{\"type\":\"error\",\"message\":\"Too many subscribe messages: limit is 2 per second\"}");
        }
        assertThat(server.hub().counters().limitHits().get("subscribe_rate")).isGreaterThan(before);
        assertThat(metric(metrics(), "tickengine_websocket_limit_hits_total{limit=\"subscribe_rate\"}")).isPositive();
    }

    @Test
    void shouldDeliverLiveCandlesOnTheCandlesEndpoint() throws Exception {
        try (WsClient c = WsClient.connect(ws("/ws/candles"), ALLOWED, true)) {
            c.next();
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "],\"interval\":\"1s\"}");
            assertThat(c.nextContaining("subscribed")).contains("\"interval\":\"1s\"", "\"total\":1");
            String first = c.nextContaining("\"type\":\"candle\"");
            assertThat(first).contains("\"instrument_token\":" + infy, "\"tradingsymbol\":\"INFY\"", "\"interval\":\"1s\"")
                    .containsPattern("\"open\":\\d+\\.\\d{2},");
            String later = c.nextContaining("\"type\":\"candle\"");
            assertThat(later).contains("\"instrument_token\":" + infy);
        }
    }

    @Test
    void shouldCloseARealSlowSocketWith1013WhileAFastClientKeepsReceiving() throws Exception {
        List<Long> tokens = server.registry().nseStocks().stream().limit(400).map(i -> i.instrumentToken()).toList();
        String sub = "{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}";
        long closedBefore = server.hub().counters().closedSlowClients();
        try (RawWsSocket slow = new RawWsSocket(server.port(), "/ws/ticks", ORIGIN);
             WsClient fast = WsClient.connect(ws("/ws/ticks"), ALLOWED, true)) {
            // The slow socket subscribes to many instruments in short messages, then reads nothing.
            for (int i = 0; i < tokens.size(); i += 10) {
                String more = tokens.subList(i, Math.min(i + 10, tokens.size())).toString().replace(" ", "");
                if (i > 0 && i % 20 == 0) {
                    Thread.sleep(1_000); // stay under the 2-per-second subscribe limit: pacing, not waiting for a result
                }
                slow.sendText("{\"action\":\"subscribe\",\"tokens\":" + more + "}");
            }
            fast.next();
            fast.send(sub);
            fast.nextContaining("subscribed");
            await().atMost(Duration.ofSeconds(60)).until(() -> server.hub().counters().closedSlowClients() > closedBefore);
            int ticks = 0;
            while (ticks < 10) {
                String m = fast.messages.poll(5, TimeUnit.SECONDS);
                assertThat(m).as("fast client starved").isNotNull();
                if (m.contains("\"type\":\"tick\"")) {
                    ticks++;
                }
            }
            assertThat(slow.readUntilClose()).startsWith("1013 Client too slow");
        }
        assertThat(metric(metrics(), "tickengine_websocket_slow_closed_total")).isPositive();
    }
}
