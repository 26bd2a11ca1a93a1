package io.tickengine.server.ws;

import io.tickengine.core.TickMode;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.time.ManualClock;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.config.WsLimits;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Candle subscriptions hold their instrument on the feed until the session wants it at no interval. */
class HubCandlesTest {
    /** A socket nothing is read from; these tests look only at subscriptions. */
    private static final Transport SILENT = new Transport() {
        @Override
        public void sendText(byte[] utf8, boolean more, Done done) {
            done.completed(null);
        }

        @Override
        public void sendBinary(ByteBuffer bytes, boolean more, Done done) {
            done.completed(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    };

    @Test
    void shouldReleaseTheFeedSubscriptionWhenTheLastIntervalOfAnInstrumentIsUnsubscribed() {
        PushTickSource kite = PushTickSource.create("kite");
        FeedSubscriptions feed = new FeedSubscriptions(t -> kite, TickMode.FULL);
        try (Hub hub = new Hub(InstrumentRegistry.empty(), new LatestTicks(), feed, WsLimits.defaults(),
                new ManualClock(0), 1)) {
            ClientSession s = hub.open(Dialect.CANDLES, "/ws/candles", Principal.ANONYMOUS, "127.0.0.1", SILENT);
            assertThat(hub.subscribeCandles(s, List.of(5L, 6L), CandleInterval.S1)).containsExactly(5L, 6L);
            assertThat(hub.subscribeCandles(s, List.of(5L), CandleInterval.M1)).containsExactly(5L);
            assertThat(feed.onDemand()).isEqualTo(2);

            assertThat(hub.unsubscribeCandles(s, List.of(5L), CandleInterval.S1)).containsExactly(5L);
            assertThat(kite.subscriptions()).as("5 is still wanted at 1m").containsOnlyKeys(5L, 6L);
            assertThat(s.tokens()).containsExactlyInAnyOrder(5L, 6L);

            assertThat(hub.unsubscribeCandles(s, List.of(5L, 6L), CandleInterval.M1)).as("6 was never at 1m")
                    .containsExactly(5L);
            assertThat(kite.subscriptions()).containsOnlyKeys(6L);
            assertThat(s.tokens()).containsExactly(6L);

            assertThat(hub.unsubscribeCandles(s, List.of(6L), CandleInterval.S1)).containsExactly(6L);
            assertThat(kite.subscriptions()).isEmpty();
            assertThat(feed.onDemand()).isZero();
            assertThat(s.tokens()).isEmpty();
            hub.close(s);
            assertThat(feed.onDemand()).isZero();
        }
    }
}
