package io.tickengine.server;

import io.javalin.Javalin;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.time.Clock;
import io.tickengine.server.auth.Authenticator;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.server.config.WsLimits;
import io.tickengine.server.ws.FeedSubscriptions;
import io.tickengine.server.ws.Hub;
import io.tickengine.server.ws.WsEndpoints;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WebSocket idle timeout on a real Jetty: the configured value is applied to every connection (Jetty's
 * own 30 s default raced seed 004's 30 s pings), a quiet connection closes after it, one that pings stays.
 */
class WsIdleTimeoutIT {
    // Long enough that a pinging client keeps well inside it on a loaded 2-core machine.
    private static final Duration IDLE = Duration.ofSeconds(2);

    @Test
    void shouldCloseAQuietConnectionAfterTheConfiguredIdleTimeoutAndKeepOneThatPings() throws Exception {
        FeedSubscriptions feed = new FeedSubscriptions(token -> null, TickMode.FULL);
        try (Hub hub = new Hub(InstrumentRegistry.empty(), new LatestTicks(), feed, WsLimits.defaults(), Clock.system(), 1)) {
            WsEndpoints ws = new WsEndpoints(hub, Authenticator.create(ServerOptions.builder().build()), List.of(), IDLE);
            Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
            ws.register(app);
            app.start("127.0.0.1", 0);
            try (WsClient quiet = WsClient.connect("ws://127.0.0.1:" + app.port() + "/ws/ticks");
                 WsClient pinging = WsClient.connect("ws://127.0.0.1:" + app.port() + "/ws/ticks")) {
                long start = System.nanoTime();
                assertThat(quiet.next()).contains("\"type\":\"connected\"");
                pinging.next();
                // Two idle timeouts long, a ping every quarter of one.
                while (System.nanoTime() - start < 2 * IDLE.toNanos()) {
                    pinging.send("{\"action\":\"ping\"}");
                    assertThat(pinging.nextContaining("pong")).isEqualTo("{\"type\":\"pong\"}");
                    Thread.sleep(IDLE.toMillis() / 4); // pacing the client's pings, not waiting for a result
                }
                assertThat(quiet.closeStatus()).startsWith("1001");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closed by the configured timeout, not Jetty's 30 s")
                        .isGreaterThanOrEqualTo(IDLE).isLessThan(Duration.ofSeconds(10));
                assertThat(pinging.closed).as("the pinging client is still open").isNotDone();
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void shouldDefaultWellAboveTheSeedsPingIntervalAndRefuseANonPositiveTimeout() {
        // Seed 004 tells clients to ping every 30 s; the default lets three pings go missing.
        assertThat(WsEndpoints.DEFAULT_IDLE_TIMEOUT).isEqualTo(Duration.ofSeconds(120));
        FeedSubscriptions feed = new FeedSubscriptions(token -> null, TickMode.FULL);
        try (Hub hub = new Hub(InstrumentRegistry.empty(), new LatestTicks(), feed, WsLimits.defaults(), Clock.system(), 1)) {
            Authenticator open = Authenticator.create(ServerOptions.builder().build());
            assertThatThrownBy(() -> new WsEndpoints(hub, open, List.of(), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("idleTimeout must be positive, was PT0S");
        }
    }
}
