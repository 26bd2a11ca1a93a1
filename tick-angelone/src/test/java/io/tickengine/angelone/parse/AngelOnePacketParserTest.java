package io.tickengine.angelone.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.time.ManualClock;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conformance vectors for every packet type, built byte by byte. */
class AngelOnePacketParserTest {
    static final long TS = 1_717_390_800_123L;
    final ManualClock clock = new ManualClock(TS + 50);
    final AngelOnePacketParser parser = new AngelOnePacketParser(AngelOneParserOptions.builder().clock(clock).build());

    static Packet ltp(String token, long sequence, long price) {
        return Packet.header(51, 1, 1, token).i64(27, sequence).i64(35, TS).i64(43, price);
    }

    static Packet quote() {
        Packet p = Packet.header(123, 2, 2, "35003").i64(27, 7).i64(35, TS).i64(43, 2_245_05);
        return p.i64(51, 75).i64(59, 2_240_10).i64(67, 1_234_567).f64(75, 98_765.0).f64(83, 43_210.0)
                .i64(91, 2_230_00).i64(99, 2_250_00).i64(107, 2_225_50).i64(115, 2_228_00);
    }

    @Test
    void shouldDecodeAnLtpPacketWithNulPaddedToken() {
        Tick t = parser.parse(ltp("2885", 42, 2_912_35).buffer());

        assertThat(t.mode()).isEqualTo(TickMode.LTP);
        assertThat(t.instrumentToken()).isEqualTo(AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "2885"));
        assertThat(t.exchange()).isEqualTo(Exchange.NSE);
        assertThat(t.priceScale()).isEqualTo(2);
        assertThat(t.lastPrice()).isEqualTo(2_912_35);
        assertThat(t.lastPriceDecimal()).isEqualByComparingTo(new BigDecimal("2912.35"));
        assertThat(t.feedSequence()).isEqualTo(42);
        assertThat(t.exchangeTimestamp()).isEqualTo(TS);
        assertThat(t.receiveTimestamp()).isEqualTo(TS + 50);
        assertThat(t.volume()).isZero();
        assertThat(t.depth()).isNull();
        assertThat(t.openInterestChangePercent()).isNaN();
    }

    @Test
    void shouldDecodeAQuotePacket() {
        Tick t = parser.parse(quote().buffer());

        assertThat(t.mode()).isEqualTo(TickMode.QUOTE);
        assertThat(t.exchange()).isEqualTo(Exchange.NFO);
        assertThat(t.lastPrice()).isEqualTo(2_245_05);
        assertThat(t.lastQuantity()).isEqualTo(75);
        assertThat(t.averagePrice()).isEqualTo(2_240_10);
        assertThat(t.volume()).isEqualTo(1_234_567);
        assertThat(t.totalBuyQuantity()).isEqualTo(98_765);
        assertThat(t.totalSellQuantity()).isEqualTo(43_210);
        assertThat(List.of(t.open(), t.high(), t.low(), t.close())).containsExactly(2_230_00L, 2_250_00L, 2_225_50L, 2_228_00L);
        assertThat(t.change()).isEqualTo(2_245_05 - 2_228_00);
        assertThat(t.feedSequence()).isEqualTo(7);
    }

    @Test
    void shouldDecodeASnapQuoteGroupingDepthByFlagNotPosition() {
        Packet p = Packet.header(379, 3, 1, "1594").i64(27, 9).i64(35, TS).i64(43, 1_500_00);
        System.arraycopy(quote().bytes, 51, p.bytes, 51, 72);
        p.i64(123, TS - 1000).i64(131, 456_789).f64(139, -3.25);
        // Flags out of position order: sell, buy, buy, sell, ... one empty entry at the end.
        p.entry(0, 0, 10, 1_500_05, 1).entry(1, 1, 20, 1_499_95, 2).entry(2, 1, 30, 1_499_90, 3)
                .entry(3, 0, 40, 1_500_10, 4).entry(4, 1, 50, 1_499_85, 5).entry(5, 0, 60, 1_500_15, 6)
                .entry(6, 1, 70, 1_499_80, 7).entry(7, 0, 80, 1_500_20, 65535).entry(8, 1, 90, 1_499_75, 9);
        p.i64(347, 1_650_00).i64(355, 1_350_00).i64(363, 1_800_00).i64(371, 1_100_00);

        Tick t = parser.parse(p.buffer());

        assertThat(t.mode()).isEqualTo(TickMode.FULL);
        assertThat(t.lastTradeTime()).isEqualTo(TS - 1000);
        assertThat(t.openInterest()).isEqualTo(456_789);
        assertThat(t.openInterestChangePercent()).isEqualTo(-3.25);
        assertThat(t.upperCircuit()).isEqualTo(1_650_00);
        assertThat(t.lowerCircuit()).isEqualTo(1_350_00);
        assertThat(t.week52High()).isEqualTo(1_800_00);
        assertThat(t.week52Low()).isEqualTo(1_100_00);
        Depth d = t.depth();
        assertThat(d.bidLevels()).isEqualTo(5);
        assertThat(d.askLevels()).isEqualTo(4);
        assertThat(d.bidPrice(0)).isEqualTo(1_499_95);
        assertThat(d.bidQuantity(4)).isEqualTo(90);
        assertThat(d.askPrice(0)).isEqualTo(1_500_05);
        assertThat(d.askPrice(3)).isEqualTo(1_500_20);
        assertThat(d.askOrders(3)).isEqualTo(65535);
    }

    @Test
    void shouldDecodeADepth20Packet() {
        Packet p = Packet.header(443, 4, 1, "2885").i64(27, TS).i64(35, TS + 7);
        for (int i = 0; i < 20; i++) {
            p.i32(43 + i * 10, 100 + i).i32(47 + i * 10, 2_912_00 - i * 5).i16(51 + i * 10, i + 1);
            p.i32(243 + i * 10, 200 + i).i32(247 + i * 10, 2_912_05 + i * 5).i16(251 + i * 10, i + 2);
        }
        AngelOnePacketView v = parser.view(p.buffer());
        assertThat(v.packetTime()).isEqualTo(TS + 7);
        assertThat(v.sequenceNumber()).isEqualTo(Tick.NO_SEQUENCE);

        Tick t = parser.parse(p.buffer());

        assertThat(t.mode()).isEqualTo(TickMode.DEPTH);
        assertThat(t.mode().hasTradePrice()).isFalse();
        assertThat(t.lastPrice()).isZero();
        assertThat(t.volume()).isZero();
        assertThat(t.exchangeTimestamp()).isEqualTo(TS);
        assertThat(t.depth().bidLevels()).isEqualTo(20);
        assertThat(t.depth().askLevels()).isEqualTo(20);
        assertThat(t.depth().bidPrice(19)).isEqualTo(2_912_00 - 95);
        assertThat(t.depth().askQuantity(19)).isEqualTo(219);
        assertThat(t.depth().askOrders(0)).isEqualTo(2);
    }

    @Test
    void shouldRejectASizeMismatchWithAHexDump() {
        Packet p = Packet.header(52, 1, 1, "2885");

        assertThatThrownBy(() -> parser.parse(p.buffer())).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("LTP packet must be 51 bytes, was 52")
                .satisfies(e -> assertThat(((MalformedPacketException) e).hexDump()).startsWith("01 01 32 38 38 35 00"));
        assertThatThrownBy(() -> parser.parse(Packet.header(442, 4, 1, "1").buffer()))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("unverified");
        assertThatThrownBy(() -> parser.parse(Packet.header(51, 9, 1, "1").buffer()))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("unknown subscription mode 9");
    }

    @Test
    void shouldKeepNegativeAndExtremeValuesAndConvertFloatQuantities() {
        Packet p = quote().i64(43, -1_234).i64(67, Long.MAX_VALUE).i64(115, Long.MIN_VALUE)
                .f64(75, 2.5).f64(83, Double.NaN).i64(27, -1);
        Tick t = parser.parse(p.buffer());

        assertThat(t.lastPrice()).isEqualTo(-1_234);
        assertThat(t.volume()).isEqualTo(Long.MAX_VALUE);
        assertThat(t.close()).isEqualTo(Long.MIN_VALUE);
        assertThat(t.totalBuyQuantity()).isEqualTo(3);
        assertThat(t.totalSellQuantity()).isZero();
        assertThat(AngelOnePacketView.quantityOf(1e30)).isEqualTo(Long.MAX_VALUE);
        assertThat(AngelOnePacketView.quantityOf(-7.0)).isEqualTo(-7);
        assertThat(AngelOnePacketView.quantityOf(9_007_199_254_740_992.0)).isEqualTo(9_007_199_254_740_992L);
    }

    @Test
    void shouldReadTokensUpToTheNulOrAllTwentyFiveBytes() {
        Packet garbage = ltp("2885", 1, 1).u8(7, 0).ascii(8, "999");
        assertThat(parser.view(garbage.buffer()).token()).isEqualTo("2885");
        String full = "ABCDEFGHIJKLMNOPQRSTUVWXY";
        assertThat(parser.view(ltp(full, 1, 1).buffer()).token()).isEqualTo(full);
        assertThat(parser.view(ltp(full, 1, 1).buffer()).tokenLength()).isEqualTo(25);
    }

    @Test
    void shouldMapTokensThroughRegistryAliasesAndNameTheInstrument() {
        InstrumentRegistry registry = InstrumentRegistry.of(List.of(new Instrument(738561, 2885, "RELIANCE", "RELIANCE INDUSTRIES",
                null, null, null, new BigDecimal("0.05"), 1, "EQ", "NSE", Exchange.NSE)));
        registry.putAliases("angelone:nse_cm", Map.of("2885", 738561L));
        AngelOnePacketParser mapped = new AngelOnePacketParser(AngelOneParserOptions.builder().instruments(registry).build());

        Tick t = mapped.parse(ltp("2885", 1, 2_912_35).buffer());

        assertThat(t.instrumentToken()).isEqualTo(738561);
        assertThat(t.tradingSymbol()).isEqualTo("RELIANCE");
        assertThat(t.displayName()).isEqualTo("NSE:RELIANCE");
    }

    @Test
    void shouldSkipAndCountUnknownExchangeTypes() {
        assertThat(parser.parse(ltp("1", 1, 1).u8(1, 6).buffer())).isNull();
        assertThat(parser.skippedPackets()).isEqualTo(1);
    }

    @Test
    void shouldUseTheConfiguredScaleForCurrencyDerivatives() {
        AngelOnePacketParser cds = new AngelOnePacketParser(AngelOneParserOptions.builder().cdeFoPriceScale(7).build());
        Tick t = cds.parse(ltp("1234", 1, 83_252_5000L).u8(1, 13).buffer());
        assertThat(t.exchange()).isEqualTo(Exchange.CDS);
        assertThat(t.lastPriceDecimal()).isEqualByComparingTo(new BigDecimal("83.2525"));
    }

    @Test
    void shouldKeepRawPacketsWhenAsked() {
        AngelOnePacketParser raw = new AngelOnePacketParser(AngelOneParserOptions.builder().keepRawPackets(true).build());
        byte[] bytes = ltp("2885", 1, 1).bytes;
        assertThat(raw.parse(java.nio.ByteBuffer.wrap(bytes)).rawPacketBytes()).isEqualTo(bytes);
    }
}
