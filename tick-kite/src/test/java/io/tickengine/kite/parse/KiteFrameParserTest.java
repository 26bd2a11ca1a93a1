package io.tickengine.kite.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.ManualClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conformance of the frame parser with the protocol notes, on vectors built byte by byte. */
class KiteFrameParserTest {
    static final long NOW = 1_625_461_888_123L;
    static final long INFY = 408065;
    static final long INFY_TS = 1625461887L;

    final ManualClock clock = new ManualClock(NOW);
    final KiteFrameParser parser = new KiteFrameParser(KiteParserOptions.builder().clock(clock).build());

    static byte[] infyFull() {
        Bytes p = Bytes.packet(184).i32(0, INFY).i32(4, 157370).i32(8, 7).i32(12, 157037).i32(16, 1192471)
                .i32(20, 256443).i32(24, 363009).i32(28, 156915).i32(32, 157500).i32(36, 156105).i32(40, 156780)
                .i32(44, INFY_TS).i32(48, 0).i32(52, 0).i32(56, 0).i32(60, INFY_TS);
        long[][] bids = {{5, 157340, 1}, {140, 157300, 2}, {2, 157295, 1}, {219, 157290, 7}, {50, 157285, 1}};
        long[][] asks = {{172, 157370, 3}, {44, 157375, 3}, {302, 157385, 3}, {141, 157390, 2}, {724, 157395, 5}};
        for (int i = 0; i < 5; i++) {
            p.depth(64 + 12 * i, bids[i][0], bids[i][1], (int) bids[i][2]);
            p.depth(124 + 12 * i, asks[i][0], asks[i][1], (int) asks[i][2]);
        }
        return p.bytes();
    }

    List<Tick> parse(ByteBuffer frame) {
        List<Tick> out = new ArrayList<>();
        assertThat(parser.parse(frame, out)).isEqualTo(out.size());
        return out;
    }

    @Test
    void shouldDecodeTheDocumentedInfyFullVector() {
        Tick t = parse(Bytes.frame(infyFull())).get(0);

        assertThat(t.instrumentToken()).isEqualTo(INFY);
        assertThat(t.mode()).isEqualTo(TickMode.FULL);
        assertThat(t.exchange()).isSameAs(Exchange.NSE);
        assertThat(t.tradable()).isTrue();
        assertThat(t.priceScale()).isEqualTo(2);
        assertThat(t.lastPriceDecimal()).hasToString("1573.70");
        assertThat(t.lastQuantity()).isEqualTo(7);
        assertThat(t.averagePrice()).isEqualTo(157037);
        assertThat(t.volume()).isEqualTo(1192471);
        assertThat(t.totalBuyQuantity()).isEqualTo(256443);
        assertThat(t.totalSellQuantity()).isEqualTo(363009);
        assertThat(new long[] {t.open(), t.high(), t.low(), t.close()}).containsExactly(156915, 157500, 156105, 156780);
        assertThat(t.change()).isEqualTo(590);
        assertThat(t.changePercent()).isCloseTo(0.3763, within(0.0001));
        assertThat(t.lastTradeTime()).isEqualTo(INFY_TS * 1000);
        assertThat(t.exchangeTimestamp()).isEqualTo(INFY_TS * 1000);
        assertThat(t.receiveTimestamp()).isEqualTo(NOW);
        assertThat(t.openInterest()).isZero();
        Depth d = t.depth();
        assertThat(d.bidLevels()).isEqualTo(5);
        assertThat(d.askLevels()).isEqualTo(5);
        assertThat(new long[] {d.bidPrice(0), d.bidQuantity(0), d.bidOrders(0)}).containsExactly(157340, 5, 1);
        assertThat(new long[] {d.bidPrice(4), d.bidQuantity(4), d.bidOrders(4)}).containsExactly(157285, 50, 1);
        assertThat(new long[] {d.askPrice(0), d.askQuantity(0), d.askOrders(0)}).containsExactly(157370, 172, 3);
        assertThat(new long[] {d.askPrice(4), d.askQuantity(4), d.askOrders(4)}).containsExactly(157395, 724, 5);
        assertThat(t.hasRawPacket()).isFalse();
    }

    @Test
    void shouldDecodeTheInfyQuoteVectorWithoutFullFields() {
        byte[] quote = Bytes.packet(44).i32(0, INFY).i32(4, 157315).i32(8, 1).i32(12, 157033).i32(16, 1175986)
                .i32(20, 256443).i32(24, 363009).i32(28, 156915).i32(32, 157500).i32(36, 156105).i32(40, 156780)
                .bytes();

        Tick t = parse(Bytes.frame(quote)).get(0);

        assertThat(t.mode()).isEqualTo(TickMode.QUOTE);
        assertThat(t.lastPriceDecimal()).hasToString("1573.15");
        assertThat(t.averagePrice()).isEqualTo(157033);
        assertThat(t.volume()).isEqualTo(1175986);
        assertThat(t.close()).isEqualTo(156780);
        assertThat(t.depth()).isNull();
        assertThat(t.lastTradeTime()).isZero();
        assertThat(t.hasExchangeTimestamp()).isFalse();
    }

    @Test
    void shouldScalePricesAndMapExchangesBySegment() {
        long[][] cases = {{1, 2}, {2, 2}, {3, 7}, {4, 2}, {5, 2}, {6, 4}, {7, 2}, {8, 2}, {9, 2}, {12, 4}};
        Exchange[] exchanges = {Exchange.NSE, Exchange.NFO, Exchange.CDS, Exchange.BSE, Exchange.BFO, Exchange.BCD,
            Exchange.MCX, Exchange.MCXSX, Exchange.NSE, Exchange.NCO};
        for (int i = 0; i < cases.length; i++) {
            long token = (1234L << 8) | cases[i][0];
            Tick t = parse(Bytes.frame(Bytes.ltp(token, 835_012_500))).get(0);
            assertThat(t.priceScale()).as("scale of segment %d", cases[i][0]).isEqualTo((int) cases[i][1]);
            assertThat(t.exchange()).as("exchange of segment %d", cases[i][0]).isSameAs(exchanges[i]);
            assertThat(t.tradable()).isEqualTo(cases[i][0] != 9);
            assertThat(t.mode()).isEqualTo(TickMode.LTP);
            assertThat(t.lastPrice()).isEqualTo(835_012_500);
        }
        assertThat(parse(Bytes.frame(Bytes.ltp((1L << 8) | 3, 835_012_500))).get(0).lastPriceDecimal())
                .hasToString("83.5012500");
        assertThat(parse(Bytes.frame(Bytes.ltp((1L << 8) | 12, 835_012_500))).get(0).lastPriceDecimal())
                .hasToString("83501.2500");
    }

    @Test
    void shouldReadIndexRangeInHighLowOpenCloseOrder() {
        byte[] quote = Bytes.packet(28).i32(0, 256265).i32(4, 2375425).i32(8, 2380000).i32(12, 2360000)
                .i32(16, 2365000).i32(20, 2370000).i32(24, 5425).bytes();
        byte[] full = Bytes.packet(32).i32(0, 260105).i32(4, 5100000).i32(8, 5200000).i32(12, 5000000)
                .i32(16, 5050000).i32(20, 5110000).i32(24, -10000).i32(28, INFY_TS).bytes();

        List<Tick> ticks = parse(Bytes.frame(quote, full));

        Tick q = ticks.get(0);
        assertThat(q.mode()).isEqualTo(TickMode.QUOTE);
        assertThat(q.tradable()).isFalse();
        assertThat(q.exchange()).isSameAs(Exchange.NSE);
        assertThat(new long[] {q.high(), q.low(), q.open(), q.close()}).containsExactly(2380000, 2360000, 2365000, 2370000);
        assertThat(q.change()).isEqualTo(5425);
        assertThat(q.hasExchangeTimestamp()).isFalse();
        assertThat(q.volume()).isZero();
        Tick f = ticks.get(1);
        assertThat(f.mode()).isEqualTo(TickMode.FULL);
        assertThat(f.change()).isEqualTo(-10000);
        assertThat(f.exchangeTimestamp()).isEqualTo(INFY_TS * 1000);
        assertThat(f.depth()).isNull();
    }

    @Test
    void shouldReadTokensQuantitiesVolumeOpenInterestAndOrdersUnsigned() {
        long token = 0xF000_0001L;
        byte[] full = Bytes.packet(184).i32(0, token).i32(4, 100).i32(8, 0xFFFF_FFFFL).i32(16, 3_000_000_000L)
                .i32(20, 2_500_000_000L).i32(24, 2_600_000_000L).i32(48, 4_000_000_000L).i32(52, 4_100_000_000L)
                .i32(56, 2_200_000_000L).depth(64, 3_500_000_000L, 99, 65535).depth(124, 2_147_483_648L, 101, 40000)
                .bytes();

        Tick t = parse(Bytes.frame(full)).get(0);

        assertThat(t.instrumentToken()).isEqualTo(token);
        assertThat(t.lastQuantity()).isEqualTo(0xFFFF_FFFFL);
        assertThat(t.volume()).isEqualTo(3_000_000_000L);
        assertThat(t.totalBuyQuantity()).isEqualTo(2_500_000_000L);
        assertThat(t.totalSellQuantity()).isEqualTo(2_600_000_000L);
        assertThat(t.openInterest()).isEqualTo(4_000_000_000L);
        assertThat(t.openInterestDayHigh()).isEqualTo(4_100_000_000L);
        assertThat(t.openInterestDayLow()).isEqualTo(2_200_000_000L);
        assertThat(t.depth().bidQuantity(0)).isEqualTo(3_500_000_000L);
        assertThat(t.depth().bidOrders(0)).isEqualTo(65535);
        assertThat(t.depth().askQuantity(0)).isEqualTo(2_147_483_648L);
        assertThat(t.depth().askOrders(0)).isEqualTo(40000);
    }

    @Test
    void shouldKeepSignedPrices() {
        byte[] quote = Bytes.packet(44).i32(0, INFY).i32(4, -5).i32(40, 100).bytes();

        Tick t = parse(Bytes.frame(quote)).get(0);

        assertThat(t.lastPrice()).isEqualTo(-5);
        assertThat(t.change()).isEqualTo(-105);
    }

    @Test
    void shouldTreatZeroTimestampsAsAbsent() {
        byte[] full = Bytes.packet(184).i32(0, INFY).i32(4, 100).bytes();

        Tick t = parse(Bytes.frame(full)).get(0);

        assertThat(t.lastTradeTime()).isZero();
        assertThat(t.exchangeTimestamp()).isZero();
        assertThat(t.hasExchangeTimestamp()).isFalse();
        assertThat(t.eventTime()).isEqualTo(NOW);
    }

    @Test
    void shouldSkipAndCountLegacyAndUnknownPackets() {
        byte[] legacy = Bytes.packet(164).i32(0, INFY).i32(4, 100).bytes();
        byte[] unknownSegment = Bytes.ltp((77L << 8) | 10, 100);

        List<Tick> ticks = parse(Bytes.frame(Bytes.ltp(INFY, 1), legacy, unknownSegment, Bytes.ltp(INFY, 2)));

        assertThat(ticks).extracting(Tick::lastPrice).containsExactly(1L, 2L);
        assertThat(parser.skippedPackets()).isEqualTo(2);
    }

    @Test
    void shouldTreatShortFramesAsHeartbeats() {
        assertThat(KiteFrameParser.isHeartbeat(Bytes.raw(0))).isTrue();
        assertThat(KiteFrameParser.isHeartbeat(Bytes.raw())).isTrue();
        assertThat(parse(Bytes.raw(0))).isEmpty();
        assertThat(parse(Bytes.raw())).isEmpty();
        assertThat(KiteFrameParser.isHeartbeat(Bytes.raw(0, 0))).isFalse();
        assertThat(parse(Bytes.raw(0, 0))).isEmpty();
    }

    @Test
    void shouldDecodeEveryPacketOfAMultiPacketFrameInOrder() {
        byte[] quote = Bytes.packet(44).i32(0, 738561).i32(4, 250000).bytes();
        byte[] index = Bytes.packet(28).i32(0, 256265).i32(4, 2400000).bytes();

        List<Tick> ticks = parse(Bytes.frame(Bytes.ltp(341249, 160000), quote, infyFull(), index));

        assertThat(ticks).extracting(Tick::instrumentToken).containsExactly(341249L, 738561L, INFY, 256265L);
        assertThat(ticks).extracting(Tick::mode)
                .containsExactly(TickMode.LTP, TickMode.QUOTE, TickMode.FULL, TickMode.QUOTE);
    }

    @Test
    void shouldReadInPlaceFromAnyPositionAndByteOrder() {
        ByteBuffer frame = Bytes.frame(Bytes.ltp(INFY, 157370));
        ByteBuffer padded = ByteBuffer.allocate(frame.remaining() + 3).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        padded.position(3);
        padded.put(frame).position(3);

        List<Tick> ticks = parse(padded);

        assertThat(ticks.get(0).lastPrice()).isEqualTo(157370);
        assertThat(padded.position()).isEqualTo(3);
    }

    @Test
    void shouldKeepRawPacketsOnlyWhenAsked() {
        KiteFrameParser keeping = new KiteFrameParser(KiteParserOptions.builder().keepRawPackets(true).build());
        List<Tick> out = new ArrayList<>();

        keeping.parse(Bytes.frame(infyFull()), out);

        assertThat(out.get(0).rawPacketBytes()).isEqualTo(infyFull());
    }
}
