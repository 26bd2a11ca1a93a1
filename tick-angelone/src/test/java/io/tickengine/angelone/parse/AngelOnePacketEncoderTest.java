package io.tickengine.angelone.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.ManualClock;
import org.junit.jupiter.api.Test;

/** The encoder writes what the parser reads, in every mode. */
class AngelOnePacketEncoderTest {
    final ManualClock clock = new ManualClock(1_000_000);
    final AngelOnePacketParser parser = new AngelOnePacketParser(AngelOneParserOptions.builder().clock(clock).build());

    static Tick full(int levels) {
        Depth.Builder d = Depth.builder(levels);
        for (int i = 0; i < levels; i++) {
            d.bid(10_000 - i * 5, 10 + i, 1 + i).ask(10_005 + i * 5, 20 + i, 2 + i);
        }
        return Tick.builder().instrumentToken(AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "2885"))
                .exchange(Exchange.NSE).tradable(true).mode(TickMode.FULL).lastPrice(10_001).lastQuantity(5)
                .averagePrice(9_990).volume(12_345).totalBuyQuantity(777).totalSellQuantity(888).open(9_900)
                .high(10_100).low(9_800).close(9_950).lastTradeTime(999_000).exchangeTimestamp(999_500)
                .receiveTimestamp(1_000_000).feedSequence(31).openInterest(4_000).openInterestChangePercent(1.5)
                .upperCircuit(11_000).lowerCircuit(9_000).week52High(12_000).week52Low(8_000).depth(d.build()).build();
    }

    @Test
    void shouldRoundTripASnapQuote() {
        Tick in = full(5);
        Tick out = parser.parse(AngelOnePacketEncoder.encode(AngelOneMode.SNAP_QUOTE, ExchangeType.NSE_CM, "2885", 31, in));
        assertThat(out).isEqualTo(in);
    }

    @Test
    void shouldRoundTripDepth20Levels() {
        Tick in = full(20);
        Tick out = parser.parse(AngelOnePacketEncoder.encode(AngelOneMode.DEPTH_20, ExchangeType.NSE_CM, "2885", 0, in));
        assertThat(out.depth()).isEqualTo(in.depth());
        assertThat(out.exchangeTimestamp()).isEqualTo(in.exchangeTimestamp());
    }

    @Test
    void shouldWriteOnlyWhatEachModeCarries() {
        Tick ltp = parser.parse(AngelOnePacketEncoder.encode(AngelOneMode.LTP, ExchangeType.NSE_CM, "2885", 31, full(5)));
        assertThat(ltp.lastPrice()).isEqualTo(10_001);
        assertThat(ltp.volume()).isZero();
        Tick quote = parser.parse(AngelOnePacketEncoder.encode(AngelOneMode.QUOTE, ExchangeType.NSE_CM, "2885", 31, full(5)));
        assertThat(quote.totalSellQuantity()).isEqualTo(888);
        assertThat(quote.depth()).isNull();
    }

    @Test
    void shouldRefuseTokensLongerThanTheField() {
        assertThatThrownBy(() -> AngelOnePacketEncoder.encode(AngelOneMode.LTP, ExchangeType.NSE_CM,
                "12345678901234567890123456", 1, full(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
