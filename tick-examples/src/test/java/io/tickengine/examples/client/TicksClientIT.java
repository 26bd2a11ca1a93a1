package io.tickengine.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.server.TickServer;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The WebSocket client example against a real server: reconnect and resubscribe across a server restart. */
class TicksClientIT {
    static final long INFY = 408_065;
    @TempDir
    Path dir;

    static TickServer server(int port, Path db) {
        return TickServer.create(ServerOptions.builder().port(port).sqlitePath(db).build()).start();
    }

    @Test
    void shouldResubscribeAndReceiveTicksAgainAfterTheServerRestarts() {
        AtomicInteger ticks = new AtomicInteger();
        List<String> closes = new CopyOnWriteArrayList<>();
        List<BigDecimal> prices = new CopyOnWriteArrayList<>();
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofMillis(500)).build();
        TickServer first = server(0, dir.resolve("a.db"));
        int port = first.port();
        TickServer second = null;
        try (TicksClient client = TicksClient.start(URI.create("ws://127.0.0.1:" + port + "/ws/ticks"), null, policy,
                new TicksClient.Listener() {
                    @Override
                    public void onTick(JsonNode data) {
                        if (data.path("instrument_token").asLong() == INFY) {
                            prices.add(data.path("last_price").decimalValue());
                            ticks.incrementAndGet();
                        }
                    }

                    @Override
                    public void onDisconnected(int code, String reason, boolean willReconnect) {
                        closes.add(code + " " + willReconnect);
                    }
                })) {
            client.subscribe(List.of(INFY));
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks.get() >= 3);
            assertThat(client.connections()).isEqualTo(1);

            first.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !closes.isEmpty());
            assertThat(closes.get(0)).isEqualTo("1001 true");
            int before = ticks.get();

            second = server(port, dir.resolve("b.db"));
            await().atMost(Duration.ofSeconds(30)).until(() -> client.connections() == 2 && ticks.get() >= before + 3);
            assertThat(second.hub().sessions()).singleElement()
                    .satisfies(s -> assertThat(s.tokens()).containsExactly(INFY));
            // Prices arrive as exact decimals with the instrument's two places.
            assertThat(prices).allSatisfy(p -> assertThat(p.scale()).isEqualTo(2));
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
        }
    }

    @Test
    void shouldTellWhenItGivesUpAndCloseTwiceWithoutWaitingForABackoff() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        java.util.concurrent.CompletableFuture<Integer> gaveUp = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Duration> closeTook = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<TicksClient> started = new java.util.concurrent.CompletableFuture<>();
        ReconnectPolicy threeTries = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(10))
                .maxDelay(Duration.ofMillis(20)).maxAttempts(3).build();
        TicksClient client = TicksClient.start(URI.create("ws://127.0.0.1:" + port + "/ws/ticks"), null, threeTries,
                new TicksClient.Listener() {
                    @Override
                    public void onTick(JsonNode data) {
                    }

                    @Override
                    public void onGaveUp(int attempts) {
                        // Closing from the listener, on the client's own thread, must not wait for itself.
                        long start = System.nanoTime();
                        started.join().close();
                        gaveUp.complete(attempts);
                        closeTook.complete(Duration.ofNanos(System.nanoTime() - start));
                    }
                });
        started.complete(client);
        assertThat(gaveUp.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(closeTook.get(10, java.util.concurrent.TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(2));
        client.close();

        // A reconnect waiting out a long backoff does not hold close() up.
        ReconnectPolicy slow = ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(30))
                .maxDelay(Duration.ofSeconds(30)).build();
        TicksClient waiting = TicksClient.start(URI.create("ws://127.0.0.1:" + port + "/ws/ticks"), null, slow,
                data -> { });
        // The first attempt fails at once (nothing listens); the next waits out its 30 s backoff.
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.failedConnects() >= 1);
        long start = System.nanoTime();
        waiting.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
