package io.tickengine.server;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.core.Prices;
import io.tickengine.core.TickMode;
import io.tickengine.server.config.ConfigLoader;
import io.tickengine.server.config.Feed;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server on the Angel One feed: FEED=angelone and FEED=both in demo mode, on their simulators. */
class AngelOneServerIT {
    static final Pattern LAST_PRICE = Pattern.compile("\"last_price\":(-?\\d+\\.\\d{2})[,}]");
    final HttpClient http = HttpClient.newHttpClient();
    TickServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shouldServeAngelOneTicksOverWebSocketAndRestInDemoMode(@TempDir Path dir) throws Exception {
        ServerOptions options = ConfigLoader.load(Map.of("FEED", "angelone", "PORT", "0",
                "SQLITE_PATH", dir.resolve("ticks.db").toString()), null);
        server = TickServer.create(options).start();
        assertThat(server.angelOneSimulator()).isNotNull();
        assertThat(server.simulator()).as("no Kite simulator").isNull();
        long infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.latest().get(infy) != null);
        assertThat(server.angelOneSimulator().subscriptions()).containsEntry("nse_cm:1594", AngelOneMode.SNAP_QUOTE);

        try (WsClient c = WsClient.connect("ws://127.0.0.1:" + server.port() + "/ws/ticks")) {
            assertThat(c.next()).contains("\"type\":\"connected\"");
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}");
            assertThat(c.next()).isEqualTo("{\"type\":\"subscribed\",\"tokens\":[" + infy + "],\"total\":1}");
            String tick = c.nextContaining("\"type\":\"tick\"");
            assertThat(tick).startsWith("{\"type\":\"tick\",\"data\":{\"instrument_token\":" + infy)
                    .contains("\"tradingsymbol\":\"INFY\"", "\"exchange\":\"NSE\"", "\"mode\":\"full\"", "\"ohlc\":{\"open\":",
                            "\"depth\":{\"buy\":[", "\"volume\":");
            assertThat(tick).containsPattern(LAST_PRICE);
        }

        HttpResponse<String> latest = get("/api/ticks/latest?symbols=NSE:INFY");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).contains("\"instrument_token\":" + infy, "\"tradingsymbol\":\"INFY\"");
        Matcher m = LAST_PRICE.matcher(latest.body());
        assertThat(m.find()).isTrue();
        assertThat(Prices.parse(m.group(1), 2)).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/candles/INFY?interval=1s").body().contains("\"open\":"));

        String health = get("/health").body();
        assertThat(health).contains("\"feed\":\"angelone\"", "\"name\":\"angelone-1\"", "\"account\":\""
                + server.angelOneSimulator().clientCode() + "\"", "\"state\":\"connected\"");
        assertThat(health).doesNotContain(server.angelOneSimulator().jwt(), server.angelOneSimulator().feedToken());
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("tickengine_angelone_connection_status 1.0");
    }

    @Test
    void shouldRouteEachInstrumentToTheFeedThatOwnsItWithBothFeeds(@TempDir Path dir) throws Exception {
        ServerOptions options = ServerOptions.builder().feed(Feed.BOTH).port(0).universe(ServerOptions.UNIVERSE_NONE)
                .sqlitePath(dir.resolve("ticks.db")).tickMode(TickMode.QUOTE).build();
        server = TickServer.create(options).start();
        long infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
        long crude = server.registry().bySymbol("MCX:CRUDEOIL19DEC24FUT").orElseThrow().instrumentToken();
        assertThat(infy).as("Kite's token: Angel One's row matched Kite's instrument").isLessThan(1L << 32);
        assertThat(crude).as("only Angel One lists it").isGreaterThan(1L << 32);

        try (WsClient c = WsClient.connect("ws://127.0.0.1:" + server.port() + "/ws/ticks")) {
            assertThat(c.next()).contains("\"type\":\"connected\"");
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "," + crude + "]}");
            assertThat(c.nextContaining("subscribed")).contains("\"total\":2");
            await().atMost(Duration.ofSeconds(15)).until(() -> server.latest().get(infy) != null
                    && server.latest().get(crude) != null);
            assertThat(c.nextContaining("\"instrument_token\":" + crude)).contains("\"tradingsymbol\":\"CRUDEOIL19DEC24FUT\"",
                    "\"mode\":\"quote\"");
            assertThat(get("/health").body()).contains("\"feed\":\"kite\"", "\"feed\":\"angelone\"");
            // While the client holds them (its close releases both at once, racing any check after it).
            assertThat(server.simulator().subscriptions()).containsKey(infy).doesNotContainKey(crude);
            assertThat(server.angelOneSimulator().subscriptions()).containsOnlyKeys("mcx_fo:426268");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.angelOneSimulator().subscriptions().isEmpty()
                && !server.simulator().subscriptions().containsKey(infy));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
