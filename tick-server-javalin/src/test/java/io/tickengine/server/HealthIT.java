package io.tickengine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.engine.SinkStats;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.time.Clock;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.server.health.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /health} against seed 000's health indicator: critical (503, the health report as JSON) when a
 * feed has been disconnected past the grace, or a sink's backlog overflows; degraded while a feed
 * reconnects after a blip or a backlog builds up.
 */
class HealthIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldBeDegradedWhileTheFeedReconnectsAndCriticalOnceNoConnectionCameBackWithinTheGrace() throws Exception {
        AtomicLong skew = new AtomicLong();
        Clock clock = () -> System.currentTimeMillis() + skew.get();
        TickServer server = TickServer.builder(ServerOptions.builder().port(0).sqlitePath(dir.resolve("t.db")).build())
                .clock(clock).build().start();
        try {
            long infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
            await().atMost(Duration.ofSeconds(15)).until(() -> server.latest().get(infy) != null);
            await().atMost(Duration.ofSeconds(15)).until(() -> get(server, "/health").statusCode() == 200
                    && report(get(server, "/health")).path("status").asText().equals(Health.OK));

            KiteSimulator sim = server.simulator();
            sim.rejectNextHandshakes(Integer.MAX_VALUE);
            sim.dropAllConnections();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !report(get(server, "/health")).at("/checks/feed/connections/0/state").asText().equals("connected"));
            HttpResponse<String> blip = get(server, "/health");
            assertThat(blip.statusCode()).isEqualTo(200);
            assertThat(report(blip).path("status").asText()).isEqualTo(Health.DEGRADED);

            // The grace passes without a connection coming back.
            skew.set(Health.FEED_OUTAGE_GRACE.toMillis() + 1_000);
            HttpResponse<String> down = get(server, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode report = report(down);
            assertThat(report.path("status").asText()).isEqualTo(Health.CRITICAL);
            assertThat(report.at("/checks/feed/status").asText()).isEqualTo(Health.CRITICAL);
            assertThat(report(blip).at("/checks/feed/outages/0/status").asText()).isEqualTo(Health.DEGRADED);
            assertThat(report.at("/checks/feed/outages/0/feed").asText()).isEqualTo("kite");
            assertThat(report.at("/checks/feed/outages/0/silent_ms").asLong()).isGreaterThan(Health.FEED_OUTAGE_GRACE.toMillis());
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(503);

            sim.rejectNextHandshakes(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(server, "/health").statusCode() == 200);
            assertThat(report(get(server, "/health")).at("/checks/feed/outages").size()).isZero();
        } finally {
            server.stop();
        }
    }

    @Test
    void shouldBeDegradedWhileASinksBacklogBuildsAndCriticalOnceItPassesSeed000sBufferBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PushTickSource push = PushTickSource.create("push");
        TickServer server = stuckServer(push, release, SinkOptions.builder().capacity(200_000).build());
        try {
            long infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
            push(push, infy, (int) Health.DEGRADED_BACKLOG + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> stuck(server).queueDepth() == Health.DEGRADED_BACKLOG + 1);
            HttpResponse<String> behind = get(server, "/health");
            assertThat(behind.statusCode()).isEqualTo(200);
            assertThat(sink(report(behind), "stuck").path("status").asText()).isEqualTo(Health.DEGRADED);

            push(push, infy, (int) (Health.CRITICAL_BACKLOG - Health.DEGRADED_BACKLOG));
            await().atMost(Duration.ofSeconds(10)).until(() -> stuck(server).queueDepth() == Health.CRITICAL_BACKLOG + 1);
            HttpResponse<String> overflow = get(server, "/health");
            assertThat(overflow.statusCode()).isEqualTo(503);
            JsonNode report = report(overflow);
            assertThat(report.path("status").asText()).isEqualTo(Health.CRITICAL);
            assertThat(report.at("/checks/sinks/status").asText()).isEqualTo(Health.CRITICAL);
            assertThat(sink(report, "stuck").path("status").asText()).isEqualTo(Health.CRITICAL);
            assertThat(sink(report, "stuck").path("queue_depth").asLong()).isEqualTo(Health.CRITICAL_BACKLOG + 1);
        } finally {
            release.countDown();
            server.stop();
        }
    }

    @Test
    void shouldBeCriticalWhenASinkWithTheDefaultCapacityIsFull() throws Exception {
        // 65,536 items never reach the 100,000 bound: a full buffer, dropping what comes next, is critical itself.
        CountDownLatch release = new CountDownLatch(1);
        PushTickSource push = PushTickSource.create("push");
        TickServer server = stuckServer(push, release, SinkOptions.defaults());
        try {
            long infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
            // The buffer's capacity plus the batch the stuck call holds, and a few more to be dropped.
            push(push, infy, SinkOptions.DEFAULT_CAPACITY + SinkOptions.DEFAULT_MAX_BATCH + 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> stuck(server).full() && stuck(server).dropped() > 0);
            HttpResponse<String> full = get(server, "/health");
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(sink(report(full), "stuck").path("status").asText()).isEqualTo(Health.CRITICAL);
        } finally {
            release.countDown();
            server.stop();
        }
    }

    /**
     * A server with no feed universe whose ticks come from {@code push} only, and a sink stuck in its first call
     * until {@code release}, so its backlog is exactly what was pushed.
     */
    private TickServer stuckServer(PushTickSource push, CountDownLatch release, SinkOptions options) {
        TickSink stuck = new TickSink() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public void onBatch(List<Tick> batch) throws InterruptedException {
                release.await();
            }
        };
        // A server with sources of its own is not a demo, so it needs auth; /health is open anyway.
        return TickServer.builder(ServerOptions.builder().port(0).sqlitePath(dir.resolve("t.db")).universe("none")
                        .apiKeys(List.of("health-test-key")).build())
                .source(push).sink(stuck, options).build().start();
    }

    private static void push(PushTickSource push, long token, int count) {
        Tick.Builder b = Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol("INFY")
                .mode(TickMode.LTP).priceScale(2);
        for (int i = 0; i < count; i++) {
            push.publish(b.lastPrice(150_000 + i % 100).receiveTimestamp(System.currentTimeMillis()).build());
        }
    }

    private static SinkStats stuck(TickServer server) {
        return server.engine().stats().tickSinks().stream().filter(s -> s.name().equals("stuck")).findFirst().orElseThrow();
    }

    private static JsonNode sink(JsonNode report, String name) {
        for (JsonNode s : report.at("/checks/sinks/sinks")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError(name + " not in " + report);
    }

    private static JsonNode report(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> get(TickServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
