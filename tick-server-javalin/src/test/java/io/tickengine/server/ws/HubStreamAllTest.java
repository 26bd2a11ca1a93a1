package io.tickengine.server.ws;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.time.ManualClock;
import io.tickengine.server.auth.Principal;
import io.tickengine.server.config.WsLimits;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /ws/stocks/nse/all} streams NSE's stocks, not a BSE namesake some client subscribed to. */
class HubStreamAllTest {
    private static final long NSE_INFY = 408_065;
    private static final long BSE_INFY = 128_053_508;

    private static Instrument stock(long token, Exchange exchange) {
        return new Instrument(token, token >> 8, "INFY", "INFOSYS", BigDecimal.ZERO, null, BigDecimal.ZERO,
                new BigDecimal("0.05"), 1, "EQ", exchange.name(), exchange);
    }

    private static Tick tick(long token, Exchange exchange, long sequence) {
        return Tick.builder().instrumentToken(token).exchange(exchange).tradingSymbol("INFY").mode(TickMode.LTP)
                .priceScale(2).lastPrice(1500_00 + sequence).build().withIngestSequence(sequence);
    }

    @Test
    void shouldStreamOnlyNseStocksToTheNseStocksEndpoint() throws Exception {
        InstrumentRegistry registry = InstrumentRegistry.of(List.of(stock(NSE_INFY, Exchange.NSE),
                stock(BSE_INFY, Exchange.BSE)));
        FanOutTest.RecordingTransport socket = new FanOutTest.RecordingTransport(false);
        try (Hub hub = new Hub(registry, new LatestTicks(), new FeedSubscriptions(t -> PushTickSource.create("kite"),
                TickMode.FULL), WsLimits.defaults(), new ManualClock(1_700_000_000_000L), 1)) {
            ClientSession s = hub.open(Dialect.SYMBOLS, "/ws/stocks/nse/all", Principal.ANONYMOUS, "127.0.0.1", socket);
            hub.streamAll(s, InstrumentClass.STOCK);
            hub.broadcaster().onBatch(List.of(tick(BSE_INFY, Exchange.BSE, 1), tick(NSE_INFY, Exchange.NSE, 2)));

            // BSE's tick comes first in the batch: sent wrongly, it would be here before NSE's.
            await().atMost(Duration.ofSeconds(10)).until(() -> frames(socket).stream()
                    .anyMatch(f -> f.contains("\"instrumentToken\":" + NSE_INFY)));
            assertThat(frames(socket)).hasSize(1).allSatisfy(f -> assertThat(f).contains("\"instrumentToken\":" + NSE_INFY));
        }
    }

    private static List<String> frames(FanOutTest.RecordingTransport socket) {
        synchronized (socket.frames) {
            return new ArrayList<>(socket.frames);
        }
    }
}
