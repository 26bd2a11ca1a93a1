package io.tickengine.angelone.ws;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOneTokens;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failures: drops, silence and refused credentials. */
class AngelOneReconnectIT extends SourceFixture {
    static final long SBIN = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "3045");
    static final long NIFTY_FUT = AngelOneTokens.syntheticId(ExchangeType.NSE_FO, "35003");

    @Test
    void shouldReconnectAndResubscribeInTheSameModesAfterADrop() {
        simulator(b -> b);
        start(options());
        source.subscribe(List.of(SBIN), TickMode.FULL);
        source.subscribe(List.of(NIFTY_FUT), TickMode.LTP);
        await("ticks of both").until(() -> listener.has(0, SBIN, TickMode.FULL) && listener.has(0, NIFTY_FUT, TickMode.LTP));

        sim.dropAllConnections();

        await("a reconnect").until(() -> source.stats().reconnects() == 1);
        await("the server to have both again").until(() -> sim.subscriptions()
                .equals(Map.of("nse_cm:3045", AngelOneMode.SNAP_QUOTE, "nse_fo:35003", AngelOneMode.LTP)));
        int mark = listener.tickCount();
        await("ticks after the reconnect").until(() -> listener.has(mark, SBIN, TickMode.FULL) && listener.has(mark, NIFTY_FUT, TickMode.LTP));
        assertThat(listener.saw(SourceState.RECONNECTING)).isTrue();
        assertThat(sim.connections()).isEqualTo(1);
    }

    @Test
    void shouldReconnectWhenTheConnectionFallsSilent() {
        simulator(b -> b);
        start(options().watchdogTimeout(Duration.ofMillis(500)));
        source.subscribe(List.of(SBIN), TickMode.QUOTE);
        await("a tick").until(() -> listener.has(0, SBIN, TickMode.QUOTE));

        sim.stall();

        await("the watchdog to close the silent connection").until(() -> source.stats().watchdogCloses() == 1);
        await("a reconnect").until(() -> source.stats().reconnects() == 1);
        int mark = listener.tickCount();
        await("ticks again").until(() -> listener.count(mark, SBIN, TickMode.QUOTE) >= 2);
        assertThat(listener.statuses()).extracting(SourceStatus::detail).anyMatch(d -> d.contains("watchdog"));
    }

    @Test
    void shouldStopAtAuthFailedWithAngelOnesMessageAndWithoutRetrying() {
        simulator(b -> b);
        start(options().credentials(sim.jwt(), sim.apiKey(), sim.clientCode(), "stale-feed-token-xyz"));

        awaitState(SourceState.AUTH_FAILED);

        await("no further handshakes").during(Duration.ofMillis(300)).until(() -> sim.handshakes() == 1);
        assertThat(source.stats().connectAttempts()).isEqualTo(1);
        assertThat(source.status().detail()).contains("401").contains("Invalid Feed Token")
                .doesNotContain("stale-feed-token-xyz").doesNotContain(sim.jwt());
    }

    @Test
    void shouldStopAtAuthFailedWhenTheServerRevokesAConnectedSession() {
        simulator(b -> b);
        start(options());
        awaitState(SourceState.CONNECTED);
        // CONNECTED follows the client's handshake; the simulator may register the session a moment later.
        await("the simulator's session").until(() -> sim.connections() == 1);

        sim.rejectAuth("Invalid Auth token");

        awaitState(SourceState.AUTH_FAILED);
        assertThat(source.status().detail()).contains("Invalid Auth token");
    }
}
