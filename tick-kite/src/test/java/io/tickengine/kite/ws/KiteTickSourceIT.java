package io.tickengine.kite.ws;

import static io.tickengine.core.TickMode.FULL;
import static io.tickengine.core.TickMode.LTP;
import static io.tickengine.core.TickMode.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import static io.tickengine.feed.ws.testing.Awaits.await;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Subscriptions, modes and messages of a healthy connection. */
class KiteTickSourceIT extends SourceFixture {
    static final long INFY = 408065;
    static final long RELIANCE = 738561;
    static final long NIFTY = 256265;

    @Test
    void shouldDeliverTicksInTheRequestedModes() {
        simulator(b -> b);
        KiteTickSource s = KiteTickSource.create(options().build());
        s.subscribe(List.of(INFY), FULL);
        source = s;
        s.start(listener);
        s.subscribe(List.of(NIFTY), QUOTE);
        s.subscribe(List.of(RELIANCE), LTP);

        await("ticks in every mode").until(() -> listener.has(0, INFY, FULL) && listener.has(0, NIFTY, QUOTE)
                && listener.has(0, RELIANCE, LTP));

        Tick infy = listener.last(INFY);
        assertThat(infy.depth().bidLevels()).isEqualTo(5);
        assertThat(infy.depth().askLevels()).isEqualTo(5);
        assertThat(infy.hasExchangeTimestamp()).isTrue();
        assertThat(listener.last(NIFTY).tradable()).isFalse();
        // Between subscribe and mode the server may send one frame in its default mode; never after.
        List<TickMode> infyModes = listener.ticksSince(0).stream().filter(t -> t.instrumentToken() == INFY)
                .map(Tick::mode).dropWhile(m -> m != FULL).toList();
        assertThat(infyModes).containsOnly(FULL);
        assertThat(listener.statuses()).extracting(SourceStatus::state).startsWith(SourceState.CONNECTING,
                SourceState.CONNECTED);
        KiteStats stats = s.stats();
        assertThat(stats.state()).isEqualTo(SourceState.CONNECTED);
        assertThat(stats.ticks()).isPositive();
        assertThat(stats.frames()).isPositive();
        assertThat(stats.lastFrameMillis()).isPositive();
        assertThat(stats.connectAttempts()).isEqualTo(1);
    }

    @Test
    void shouldSwitchModeOfASubscribedInstrument() {
        simulator(b -> b);
        start(options()).subscribe(List.of(INFY), QUOTE);
        await("a quote tick").until(() -> listener.has(0, INFY, QUOTE));

        int mark = listener.tickCount();
        source.subscribe(List.of(INFY), FULL);
        await("a full tick").until(() -> listener.has(mark, INFY, FULL));

        int afterSwitch = listener.tickCount();
        await("three more ticks").until(() -> listener.count(afterSwitch, INFY, null) >= 3);
        assertThat(listener.ticksSince(afterSwitch)).extracting(Tick::mode).containsOnly(FULL);
        assertThat(sim.subscriptions()).containsExactly(java.util.Map.entry(INFY, FULL));
    }

    @Test
    void shouldStopTicksOfUnsubscribedInstruments() {
        simulator(b -> b);
        start(options()).subscribe(List.of(INFY, RELIANCE), QUOTE);
        await("ticks of both").until(() -> listener.has(0, INFY, QUOTE) && listener.has(0, RELIANCE, QUOTE));

        source.unsubscribe(List.of(INFY));
        await("the server to drop INFY").until(() -> !sim.subscriptions().containsKey(INFY));
        int mark = listener.tickCount();
        await("two frames past any in flight").until(() -> listener.count(mark, RELIANCE, null) >= 2);
        int settled = listener.tickCount();
        await("three more frames").until(() -> listener.count(settled, RELIANCE, null) >= 3);

        assertThat(listener.count(settled, INFY, null)).isZero();
        assertThat(source.subscriptions()).containsOnlyKeys(RELIANCE);
    }

    @Test
    void shouldHandTextMessagesToTheListener() {
        simulator(b -> b);
        start(options());
        awaitState(SourceState.CONNECTED);
        // CONNECTED follows the client's handshake; the simulator may register the session a moment later.
        await("the simulator's session").until(() -> sim.connections() == 1);

        sim.sendOrderUpdate("{\"order_id\":\"151220000000000\",\"status\":\"COMPLETE\"}");
        sim.sendError("max tokens");
        sim.sendMessage("hello");
        await("three messages").until(() -> listener.messages().size() == 3);

        assertThat(listener.messages()).extracting(SourceMessage::type).containsExactly("order", "error", "message");
        assertThat(listener.messages().get(0).payload()).contains("\"order_id\":\"151220000000000\"");
        assertThat(listener.messages()).extracting(SourceMessage::source).containsOnly("kite");
    }

    @Test
    void shouldRefuseTheInstrumentAfterThe3000th() {
        simulator(b -> b.tickInterval(Duration.ofMillis(200)));
        start(options());
        List<Long> tokens = LongStream.rangeClosed(1, 3000).map(i -> i << 8 | 1).boxed().toList();
        source.subscribe(tokens, LTP);

        assertThatThrownBy(() -> source.subscribe(List.of(3001L << 8 | 1), LTP))
                .isInstanceOf(TooManyInstrumentsException.class)
                .hasMessageContaining("3001").hasMessageContaining("limit is 3000");
        await("3000 instruments on the server").until(() -> sim.subscriptions().size() == 3000);
        await("ticks of the last one").until(() -> listener.has(0, 3000L << 8 | 1, LTP));
        assertThat(source.subscriptions()).hasSize(3000);
        assertThat(listener.messages()).isEmpty();
    }

    @Test
    void shouldStayConnectedOnHeartbeatsAlone() {
        simulator(b -> b.heartbeatInterval(Duration.ofMillis(30)));
        // A watchdog well above the heartbeat interval, so a stalled test thread or GC on a loaded machine
        // does not count as silence; 40 heartbeats last longer than it.
        start(options().watchdogTimeout(Duration.ofSeconds(1)));
        awaitState(SourceState.CONNECTED);

        await("heartbeats for longer than the watchdog").until(() -> source.stats().heartbeats() >= 40);

        assertThat(source.stats().watchdogCloses()).isZero();
        assertThat(source.stats().reconnects()).isZero();
        assertThat(source.stats().ticks()).isZero();
    }

    @Test
    void shouldStopOnClose() {
        simulator(b -> b);
        start(options()).subscribe(List.of(INFY), LTP);
        await("a tick").until(() -> listener.has(0, INFY, LTP));

        source.close();
        source.close();

        assertThat(source.status().state()).isEqualTo(SourceState.STOPPED);
        await("the server to see the close").until(() -> sim.connections() == 0);
        assertThatThrownBy(() -> source.start(listener)).isInstanceOf(IllegalStateException.class);
    }
}
