package io.tickengine.angelone.ws;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOneTokens;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Against the simulator: modes, heartbeats, text frames, malformed packets and limits. */
class AngelOneTickSourceIT extends SourceFixture {
    static final long SBIN = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "3045");
    static final long RELIANCE = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "2885");
    static final long NIFTY_FUT = AngelOneTokens.syntheticId(ExchangeType.NSE_FO, "35003");
    static final long INFY = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "1594");

    @Test
    void shouldStreamTicksInEachSubscribedMode() {
        simulator(b -> b);
        start(options());
        source.subscribe(List.of(SBIN), TickMode.LTP);
        source.subscribe(List.of(NIFTY_FUT), TickMode.QUOTE);
        source.subscribe(List.of(RELIANCE), TickMode.FULL);
        source.subscribe(List.of(INFY), AngelOneMode.DEPTH_20);

        await("ticks in every mode").until(() -> listener.has(0, SBIN, TickMode.LTP) && listener.has(0, NIFTY_FUT, TickMode.QUOTE)
                && listener.has(0, RELIANCE, TickMode.FULL) && listener.has(0, INFY, TickMode.DEPTH));

        assertThat(sim.subscriptions()).isEqualTo(Map.of("nse_cm:3045", AngelOneMode.LTP, "nse_fo:35003", AngelOneMode.QUOTE,
                "nse_cm:2885", AngelOneMode.SNAP_QUOTE, "nse_cm:1594", AngelOneMode.DEPTH_20));
        Tick full = listener.last(RELIANCE);
        assertThat(full.exchange()).isEqualTo(Exchange.NSE);
        assertThat(full.depth().bidLevels()).isEqualTo(5);
        assertThat(full.upperCircuit()).isPositive();
        assertThat(full.feedSequence()).isPositive();
        assertThat(listener.last(INFY).depth().askLevels()).isEqualTo(20);
        assertThat(listener.last(NIFTY_FUT).exchange()).isEqualTo(Exchange.NFO);
        assertThat(source.status().state()).isEqualTo(SourceState.CONNECTED);
    }

    @Test
    void shouldSwitchModesAndUnsubscribe() {
        simulator(b -> b);
        start(options());
        source.subscribe(List.of(SBIN, RELIANCE), TickMode.LTP);
        await("LTP ticks").until(() -> listener.has(0, RELIANCE, TickMode.LTP));

        source.subscribe(List.of(RELIANCE), TickMode.QUOTE);
        source.unsubscribe(List.of(SBIN));

        await("the server to follow").until(() -> sim.subscriptions().equals(Map.of("nse_cm:2885", AngelOneMode.QUOTE)));
        int mark = listener.tickCount();
        await("quote ticks").until(() -> listener.count(mark, RELIANCE, TickMode.QUOTE) >= 2);
        assertThat(listener.count(listener.tickCount(), SBIN, null)).isZero();
    }

    @Test
    void shouldPingAndDeliverPongsAsMessages() {
        simulator(b -> b);
        start(options().pingInterval(Duration.ofMillis(50)));

        await("pongs").until(() -> sim.pings() >= 2 && source.stats().pongs() >= 2);

        assertThat(listener.hasMessage("pong", "pong")).isTrue();
        assertThat(source.stats().ticks()).isZero();
    }

    @Test
    void shouldDropAMalformedPacketAndKeepTheConnection() {
        simulator(b -> b);
        start(options());
        source.subscribe(List.of(SBIN), TickMode.QUOTE);
        await("a tick").until(() -> listener.has(0, SBIN, TickMode.QUOTE));

        sim.sendMalformedPacket();

        await("the parse error").until(() -> source.stats().parseErrors() == 1);
        int mark = listener.tickCount();
        await("more ticks on the same connection").until(() -> listener.count(mark, SBIN, TickMode.QUOTE) >= 2);
        assertThat(source.stats().connectAttempts()).isEqualTo(1);
    }

    @Test
    void shouldEnforceTokenLimitsWithClearErrors() {
        simulator(b -> b);
        start(options().maxTokens(3));
        List<Long> four = LongStream.rangeClosed(1, 4).map(i -> AngelOneTokens.syntheticId(ExchangeType.NSE_CM, Long.toString(i)))
                .boxed().collect(Collectors.toList());

        assertThatThrownBy(() -> source.subscribe(four, TickMode.LTP)).isInstanceOf(SubscriptionLimitException.class)
                .hasMessageContaining("4 tokens").hasMessageContaining("limit is 3");
        assertThatThrownBy(() -> source.subscribe(List.of(NIFTY_FUT), AngelOneMode.DEPTH_20))
                .isInstanceOf(SubscriptionLimitException.class).hasMessageContaining("nse_cm only");
        assertThatThrownBy(() -> source.subscribe(List.of(738561L), TickMode.LTP))
                .isInstanceOf(UnknownInstrumentException.class).hasMessageContaining("738561");
        assertThat(source.subscriptions()).isEmpty();

        AngelOneTickSource wide = AngelOneTickSource.create(options().build());
        List<Long> fiftyOne = LongStream.rangeClosed(1, 51).map(i -> AngelOneTokens.syntheticId(ExchangeType.NSE_CM, Long.toString(i)))
                .boxed().collect(Collectors.toList());
        assertThatThrownBy(() -> wide.subscribe(fiftyOne, AngelOneMode.DEPTH_20))
                .isInstanceOf(SubscriptionLimitException.class).hasMessageContaining("at most 50");
        wide.close();
    }

    @Test
    void shouldDeliverTheServersLimitErrorAsAMessage() {
        simulator(b -> b.maxTokens(1));
        start(options());

        source.subscribe(List.of(SBIN, RELIANCE), TickMode.LTP);

        await("E1002").until(() -> listener.hasMessage("error", "E1002"));
        assertThat(source.stats().errorMessages()).isEqualTo(1);
    }
}
