package io.tickengine.server.ws;

import io.tickengine.core.Exchange;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.time.ManualClock;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.config.WsLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Candle subscriptions hold their instrument on the feed until the session wants it at no interval, and a
 * slow client's buffer conflates candles per bucket parity, as candle sinks do.
 */
class HubCandlesTest {
    @Test
    void shouldKeepTheNextBucketsCandleForASlowClientWhenALateRevisionComes() throws Exception {
        // Its first write never completes: what follows waits in the client's buffer.
        FanOutTest.RecordingTransport stuck = new FanOutTest.RecordingTransport(true);
        WsLimits oneQueued = new WsLimits(100, 3000, 20, 64 * 1024, List.of(), 1, Duration.ofSeconds(60),
                Duration.ofMinutes(5), 1L << 20);
        FeedSubscriptions feed = new FeedSubscriptions(t -> PushTickSource.create("kite"), TickMode.FULL);
        try (Hub hub = new Hub(InstrumentRegistry.empty(), new LatestTicks(), feed, oneQueued, new ManualClock(0), 1)) {
            ClientSession s = hub.open(Dialect.CANDLES, "/ws/candles", Principal.ANONYMOUS, "127.0.0.1", stuck);
            hub.subscribeCandles(s, List.of(5L), CandleInterval.S1);
            long n = CandleInterval.S1.bucketStart(1_700_000_000_000L);
            hub.candleSink().onCandles(List.of(candle(n, 0)));
            await().atMost(Duration.ofSeconds(10)).until(() -> stuck.frames.size() == 1);

            hub.candleSink().onCandles(List.of(candle(n, 1), candle(n + 1_000, 0), candle(n, 2)));
            // One waits in order (the buffer holds one), then the next bucket's candle and the latest revision
            // of the late bucket each keep a slot of their own.
            assertThat(s.out().backlog()).isEqualTo(3);
            assertThat(hub.counters().conflatedUpdates()).isZero();
            // Behind the engine, the sink conflates by the same key (the engine's CONFLATE for candle sinks,
            // tested in tick-core) rather than dropping the oldest candles, a bucket's only emission among them.
            assertThat(hub.candleSink().overflowPolicy()).isEqualTo(OverflowPolicy.CONFLATE);
        }
    }

    private static Candle candle(long bucketStart, int revision) {
        return new Candle(5, Exchange.NSE, CandleInterval.S1, bucketStart, 2, 100, 100, 100, 100, 0, 1, revision);
    }

    @Test
    void shouldReleaseTheFeedSubscriptionWhenTheLastIntervalOfAnInstrumentIsUnsubscribed() {
        PushTickSource kite = PushTickSource.create("kite");
        FeedSubscriptions feed = new FeedSubscriptions(t -> kite, TickMode.FULL);
        try (Hub hub = new Hub(InstrumentRegistry.empty(), new LatestTicks(), feed, WsLimits.defaults(),
                new ManualClock(0), 1)) {
            ClientSession s = hub.open(Dialect.CANDLES, "/ws/candles", Principal.ANONYMOUS, "127.0.0.1",
                    new FanOutTest.RecordingTransport(false));
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
