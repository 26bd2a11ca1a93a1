package io.tickengine.kite.rest;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.CircuitState;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.kite.instruments.KiteInstrumentLoader;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.kite.sim.RestCall;
import io.tickengine.feed.ws.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The quote poller against the simulator's REST side: batching, rate limit, backoff, breaker, auth, exact prices. */
class KiteQuotePollerIT {
    static final long INFY = 408065;
    static final long RELIANCE = 738561;
    static final long NIFTY = 256265;
    static final long USDINR_FUT = 1234L << 8 | 3;

    final KiteSimulator sim = KiteSimulator.builder().start();
    final RecordingListener listener = new RecordingListener();
    KiteQuotePoller poller;

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
        sim.close();
    }

    KiteQuoteOptions.Builder options() {
        return KiteQuoteOptions.builder()
                .rest(KiteRestOptions.builder().baseUrl(sim.restUri()).apiKey(sim.apiKey())
                        .accessToken(sim.accessToken()).build())
                .rateLimiter(KiteRateLimiter.create(50)).hotInterval(Duration.ofMinutes(1))
                .coldInterval(Duration.ofMinutes(5))
                .retryPolicy(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1))
                        .maxAttempts(20).build());
    }

    KiteQuotePoller start(KiteQuoteOptions.Builder options) {
        poller = KiteQuotePoller.create(options.build());
        poller.start(listener);
        return poller;
    }

    static List<Long> tokens(long from, long to) {
        return LongStream.rangeClosed(from, to).map(i -> i << 8 | 1).boxed().toList();
    }

    List<RestCall> quoteCalls() {
        return sim.restCalls().stream().filter(c -> c.path().startsWith("/quote")).toList();
    }

    @Test
    void shouldAskForAtMost500FullOr1000OtherQuotesPerRequest() {
        start(options());
        poller.subscribe(tokens(1, 1200), TickMode.FULL);
        poller.subscribe(tokens(2001, 4500), TickMode.LTP, PollTier.COLD);

        await("every instrument once").until(() -> poller.stats().ticks() >= 3700);

        assertThat(quoteCalls()).filteredOn(c -> c.path().equals("/quote")).extracting(RestCall::instruments)
                .containsExactly(500, 500, 200);
        assertThat(quoteCalls()).filteredOn(c -> c.path().equals("/quote/ltp")).extracting(RestCall::instruments)
                .containsExactly(1000, 1000, 500);
        assertThat(quoteCalls()).allMatch(c -> c.status() == 200 && c.gzip());
        assertThat(poller.status().state()).isEqualTo(SourceState.CONNECTED);
    }

    @Test
    void shouldStayWithinOneRequestPerSecondOfTheApiKey() {
        KiteRateLimiter shared = KiteRateLimiter.create(KiteRateLimiter.QUOTE_REQUESTS_PER_SECOND);
        start(options().rateLimiter(shared).hotInterval(Duration.ofMillis(100)).coldInterval(Duration.ofMillis(100)));
        poller.subscribe(List.of(INFY), TickMode.LTP);
        poller.subscribe(List.of(RELIANCE), TickMode.QUOTE);
        poller.subscribe(List.of(NIFTY), TickMode.FULL);

        await("four requests").atMost(Duration.ofSeconds(8)).until(() -> quoteCalls().size() >= 4);

        List<RestCall> calls = quoteCalls();
        // The client spaces requests by 1000 ms when it takes a permit; arrival times on the server may jitter a
        // little. The first request also opens the connection, which can make it arrive late enough to shorten
        // the first gap, so the gaps are checked from the second request on.
        for (int i = 2; i < calls.size(); i++) {
            long gapMillis = (calls.get(i).atNanos() - calls.get(i - 1).atNanos()) / 1_000_000;
            assertThat(gapMillis).as("gap before request %d", i + 1).isGreaterThanOrEqualTo(900);
        }
        assertThat(calls).extracting(RestCall::path).contains("/quote", "/quote/ohlc", "/quote/ltp");
    }

    @Test
    void shouldBackOffOnHttp429AndRecover() {
        sim.failNextQuoteRequests(2, 429);
        start(options());
        poller.subscribe(List.of(INFY), TickMode.QUOTE);

        await("a tick after the throttling").until(() -> listener.has(0, INFY, TickMode.QUOTE));

        List<RestCall> calls = quoteCalls();
        assertThat(calls).extracting(RestCall::status).containsExactly(429, 429, 200);
        assertThat(gapMillis(calls, 1)).as("backoff 100 ms").isGreaterThanOrEqualTo(60);
        assertThat(gapMillis(calls, 2)).as("backoff 200 ms").isGreaterThanOrEqualTo(120);
        assertThat(poller.stats().throttled()).isEqualTo(2);
        assertThat(listener.statuses()).extracting(SourceStatus::state)
                .containsSubsequence(SourceState.RECONNECTING, SourceState.RECONNECTING, SourceState.CONNECTED);
        assertThat(listener.statuses()).extracting(SourceStatus::detail).anyMatch(d -> d.contains("HTTP 429"));
    }

    @Test
    void shouldOpenTheCircuitOnRepeated5xxAndCloseItAfterATrial() {
        sim.failNextQuoteRequests(3, 503);
        start(options().breakerThreshold(2).breakerOpenDuration(Duration.ofMillis(400)));
        poller.subscribe(List.of(INFY), TickMode.LTP);

        await("a tick after the outage").until(() -> listener.has(0, INFY, TickMode.LTP));

        List<RestCall> calls = quoteCalls();
        assertThat(calls).extracting(RestCall::status).containsExactly(503, 503, 503, 200);
        assertThat(gapMillis(calls, 2)).as("the circuit's pause of 400 ms").isGreaterThanOrEqualTo(300);
        assertThat(gapMillis(calls, 3)).as("a failed trial opens it again").isGreaterThanOrEqualTo(300);
        KiteQuoteStats stats = poller.stats();
        assertThat(stats.circuit()).isEqualTo(CircuitState.CLOSED);
        assertThat(stats.circuitOpens()).isEqualTo(2);
        assertThat(stats.failures()).isEqualTo(3);
        assertThat(listener.statuses()).extracting(SourceStatus::detail).anyMatch(d -> d.contains("circuit open"));
    }

    @Test
    void shouldStopAtAuthFailedOnHttp403() {
        start(options().rest(KiteRestOptions.builder().baseUrl(sim.restUri()).apiKey(sim.apiKey())
                .accessToken("expired-token").build()));
        poller.subscribe(List.of(INFY), TickMode.LTP);

        await("AUTH_FAILED").until(() -> poller.status().state() == SourceState.AUTH_FAILED);
        await("no retries").during(Duration.ofMillis(300)).until(() -> quoteCalls().size() == 1);

        assertThat(poller.status().detail()).contains("403").contains("TokenException").doesNotContain("expired-token");
        poller.subscribe(List.of(RELIANCE), TickMode.LTP);
        await("still no retries").during(Duration.ofMillis(200)).until(() -> quoteCalls().size() == 1);
    }

    @Test
    void shouldEmitTicksWithTheMarketsExactPrices() {
        InstrumentRegistry registry = InstrumentRegistry.empty();
        KiteInstrumentLoader.sample().loadInto(registry);
        start(options().instrumentLookup(registry::findByToken));
        poller.subscribe(List.of(INFY, USDINR_FUT, NIFTY), TickMode.FULL);
        poller.subscribe(List.of(RELIANCE), TickMode.LTP);

        await("ticks of all four").until(() -> listener.has(0, INFY, TickMode.FULL)
                && listener.has(0, USDINR_FUT, TickMode.FULL) && listener.has(0, NIFTY, TickMode.FULL)
                && listener.has(0, RELIANCE, TickMode.LTP));

        for (long token : List.of(INFY, USDINR_FUT, NIFTY)) {
            Tick polled = listener.last(token);
            Tick market = sim.marketTick(token, TickMode.FULL);
            assertThat(polled.priceScale()).isEqualTo(market.priceScale());
            assertThat(new long[] {polled.lastPrice(), polled.open(), polled.high(), polled.low(), polled.close(),
                polled.volume(), polled.averagePrice(), polled.openInterest()})
                    .as("token %d", token).containsExactly(market.lastPrice(), market.open(), market.high(),
                            market.low(), market.close(), market.volume(), market.averagePrice(), market.openInterest());
            assertThat(polled.exchangeTimestamp() % 1000).isZero();
            assertThat(polled.exchangeTimestamp()).isCloseTo(market.exchangeTimestamp(), org.assertj.core.data.Offset.offset(2000L));
        }
        Tick infy = listener.last(INFY);
        assertThat(infy.tradingSymbol()).isEqualTo("INFY");
        assertThat(infy.depth().bidPrice(0)).isEqualTo(sim.marketTick(INFY, TickMode.FULL).depth().bidPrice(0));
        assertThat(listener.last(USDINR_FUT).priceScale()).isEqualTo(7);
        assertThat(listener.last(NIFTY).tradable()).isFalse();
        assertThat(listener.last(RELIANCE).lastPrice()).isEqualTo(sim.marketTick(RELIANCE, TickMode.LTP).lastPrice());
        assertThat(poller.stats().badQuotes()).isZero();
    }

    private static long gapMillis(List<RestCall> calls, int i) {
        return (calls.get(i).atNanos() - calls.get(i - 1).atNanos()) / 1_000_000;
    }
}
