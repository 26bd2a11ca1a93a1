package io.tickengine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.cache.redis.RedisKeys;
import io.tickengine.core.Exchange;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.engine.SinkStats;
import io.tickengine.core.time.MarketTime;
import io.tickengine.server.config.ConfigLoader;
import io.tickengine.testkit.RedisKeyspace;
import io.tickengine.testkit.RedisServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in demo mode with {@code REDIS_URL} and {@code REDIS_KEY_PREFIX}: ticks, latest ticks and
 * candles land in Redis under the prefix and are served from there; when Redis goes away health turns
 * degraded, the WebSocket feed goes on and the Redis sinks count what they drop, and all of it
 * recovers by itself when Redis is back.
 */
class RedisBackendIT {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldCacheTicksAndCandlesUnderTheConfiguredPrefixAndServeTodayFromRedis() throws Exception {
        TickServer server = start(redis.url(), redis.prefix());
        try {
            long infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
            RedisKeys keys = RedisKeys.withPrefix(redis.prefix());
            String history = keys.tickHistory(MarketTime.tradingDate(System.currentTimeMillis()), "INFY");

            await().atMost(Duration.ofSeconds(20)).until(() -> redis.commands().xlen(history) > 5);
            assertThat(redis.commands().type(history)).isEqualTo("stream");
            assertThat(redis.commands().ttl(history)).isBetween(Duration.ofDays(2).toSeconds() - 120,
                    Duration.ofDays(2).toSeconds());
            await().atMost(Duration.ofSeconds(10)).until(() -> redis.commands().exists(keys.latestTick(infy)) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    redis.commands().exists(keys.latestCandle(CandleInterval.parse("1s"), Exchange.NSE, infy)) == 1
                            && redis.commands().xlen(keys.candleStream(CandleInterval.parse("1s"), Exchange.NSE, infy)) > 0);

            HttpResponse<String> today = get(server, "/api/ticks/today/INFY");
            assertThat(today.statusCode()).isEqualTo(200);
            assertThat(today.body()).startsWith("[{").contains("\"symbol\":\"INFY\"", "\"lastTradedPrice\":");
            assertThat(count(today.body(), "\"symbol\":\"INFY\"")).isGreaterThan(5);
            assertThat(get(server, "/api/ticks/today/INFY?lastMinutes=1").body()).contains("\"symbol\":\"INFY\"");
            assertThat(get(server, "/api/ticks/latest?symbols=NSE:INFY").body()).contains("\"tradingsymbol\":\"INFY\"");

            HttpResponse<String> health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"status\":\"ok\"")
                    .contains("\"redis\":{\"status\":\"ok\",\"configured\":true}", "\"name\":\"redis-ticks\"",
                            "\"name\":\"redis-candles\"");
            assertThat(sink(server, "redis-ticks").dropped()).isZero();
        } finally {
            assertThat(server.stop()).isTrue();
        }
    }

    @Test
    void shouldDegradeWithoutBlockingTheFeedWhileRedisIsDownAndRecoverWhenItReturns() throws Exception {
        Assumptions.assumeTrue(RedisServer.available(), "needs a redis-server binary on the PATH");
        try (RedisServer own = RedisServer.startOnSparePort()) {
            TickServer server = start(own.url(), "tick-test:RedisBackendIT:fault:");
            try (WsClient client = WsClient.connect("ws://127.0.0.1:" + server.port() + "/ws/ticks")) {
                long infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
                client.nextContaining("connected");
                client.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}");
                client.nextContaining("\"type\":\"tick\"");
                await().atMost(Duration.ofSeconds(20)).until(() -> status(server).startsWith("{\"status\":\"ok\""));
                await().atMost(Duration.ofSeconds(10)).until(() -> sink(server, "redis-ticks").delivered() > 0);

                own.stop();

                await().atMost(Duration.ofSeconds(15)).until(() -> status(server)
                        .startsWith("{\"status\":\"degraded\"") && status(server).contains(
                                "\"redis\":{\"status\":\"degraded\",\"configured\":true}"));
                TickServerIT.drain(client);
                for (int i = 0; i < 20; i++) {
                    assertThat(client.nextContaining("\"type\":\"tick\"")).contains("\"instrument_token\":" + infy);
                }
                await().atMost(Duration.ofSeconds(15)).until(() -> {
                    SinkStats s = sink(server, "redis-ticks");
                    return s.dropped() > 0 && s.errors() > 0;
                });
                assertThat(sink(server, "sqlite-ticks").dropped()).isZero();

                own.start();

                await().atMost(Duration.ofSeconds(30)).until(() -> status(server).startsWith("{\"status\":\"ok\""));
                await().atMost(Duration.ofSeconds(15)).until(() -> get(server, "/api/ticks/today/INFY").body()
                        .contains("\"symbol\":\"INFY\""));
                TickServerIT.drain(client);
                assertThat(client.nextContaining("\"type\":\"tick\"")).contains("\"instrument_token\":" + infy);
            } finally {
                assertThat(server.stop()).isTrue();
            }
        }
    }

    @Test
    void shouldServeTodayOnlyTheAskedExchangesTicksOfATradingSymbolTwoExchangesShare() throws Exception {
        TickServer server = start(Map.of("REDIS_URL", redis.url(), "REDIS_KEY_PREFIX", redis.prefix(),
                "UNIVERSE", "NSE:RELIANCE,BSE:RELIANCE"));
        try {
            long nse = server.registry().bySymbol("NSE:RELIANCE").orElseThrow().instrumentToken();
            long bse = server.registry().bySymbol("BSE:RELIANCE").orElseThrow().instrumentToken();
            String history = RedisKeys.withPrefix(redis.prefix()).tickHistory(
                    MarketTime.tradingDate(System.currentTimeMillis()), "RELIANCE");
            for (String path : new String[] {"/api/ticks/today/", "/api/ticks/today/%s?lastMinutes=5"}) {
                await().atMost(Duration.ofSeconds(20)).until(() -> ticks(server, path, "NSE:RELIANCE").size() > 2
                        && ticks(server, path, "BSE:RELIANCE").size() > 2);
                JsonNode fromNse = ticks(server, path, "NSE:RELIANCE");
                JsonNode fromBse = ticks(server, path, "BSE:RELIANCE");
                fromNse.forEach(t -> assertThat(t.path("instrumentToken").asLong()).as(path).isEqualTo(nse));
                fromBse.forEach(t -> assertThat(t.path("instrumentToken").asLong()).as(path).isEqualTo(bse));
                // Both came out of seed 000's one key per trading symbol.
                assertThat(redis.commands().xlen(history)).isGreaterThanOrEqualTo(fromNse.size() + fromBse.size());
            }
        } finally {
            assertThat(server.stop()).isTrue();
        }
    }

    @Test
    void shouldAnswerTodayFromTheDatabaseAndCountItWhenRedisCannotBeReached() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        TickServer server = start("redis://127.0.0.1:" + closed, redis.prefix());
        try {
            HttpResponse<String> first = get(server, "/api/ticks/today/INFY");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks(server, "/api/ticks/today/", "INFY").size() > 2);
            JsonNode last = ticks(server, "/api/ticks/today/%s?lastMinutes=5", "INFY");
            assertThat(last.size()).isPositive();
            last.forEach(t -> assertThat(t.path("symbol").asText()).isEqualTo("INFY"));
            String metrics = get(server, "/metrics").body();
            assertThat(value(metrics, "tickengine_rest_redis_fallbacks_total")).isGreaterThanOrEqualTo(3);
        } finally {
            server.stop();
        }
    }

    /** The value of an unlabelled sample in Prometheus text. */
    private static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    private static JsonNode ticks(TickServer server, String path, String symbol) throws Exception {
        String p = path.contains("%s") ? String.format(path, symbol) : path + symbol;
        HttpResponse<String> r = get(server, p);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private TickServer start(String redisUrl, String prefix) {
        return start(Map.of("REDIS_URL", redisUrl, "REDIS_KEY_PREFIX", prefix));
    }

    private TickServer start(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("PORT", "0");
        env.put("SQLITE_PATH", dir.resolve("ticks.db").toString());
        return TickServer.create(ConfigLoader.load(env, null)).start();
    }

    private static SinkStats sink(TickServer server, String name) {
        return server.engine().stats().tickSinks().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static String status(TickServer server) throws Exception {
        return get(server, "/health").body();
    }

    private static HttpResponse<String> get(TickServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }
}
