package io.tickengine.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

public class TickCodecTest {
    /** A full-mode tick with every field set; the Redis cache tests use it too. */
    public static Tick fullTick() {
        Depth depth = Depth.builder(5).bid(157_365, 10, 1).bid(157_360, 20, 2).ask(157_375, 30, 3)
                .ask(157_380, 40, 4).ask(157_385, 50, 5).build();
        return Tick.builder().instrumentToken(408_065).exchange(Exchange.NSE).tradingSymbol("INFY").tradable(true)
                .mode(TickMode.FULL).priceScale(2).lastPrice(157_370).lastQuantity(5).averagePrice(157_301)
                .volume(1_234_567).totalBuyQuantity(50_000).totalSellQuantity(45_000).open(156_000).high(158_000)
                .low(155_500).close(156_120).change(1_249).lastTradeTime(1_732_000_000_000L)
                .exchangeTimestamp(1_732_000_001_000L).receiveTimestamp(1_732_000_001_023L).feedSequence(77)
                .openInterest(9_000).openInterestDayHigh(9_500).openInterestDayLow(8_000)
                .openInterestChangePercent(-1.25).upperCircuit(171_700).lowerCircuit(140_500).week52High(199_900)
                .week52Low(120_000).depth(depth).build().withIngestSequence(42);
    }

    @Test
    void shouldRoundTripEveryFieldOfAFullTick() {
        Tick tick = fullTick();

        List<Tick> decoded = TickCodec.decode(TickCodec.encode(tick));

        assertThat(decoded).containsExactly(tick);
        Tick d = decoded.get(0);
        assertThat(d.depth()).isEqualTo(tick.depth());
        assertThat(d.openInterestChangePercent()).isEqualTo(-1.25);
        assertThat(d.feedSequence()).isEqualTo(77);
        assertThat(d.lastPriceDecimal()).isEqualByComparingTo("1573.70");
    }

    /** Redis holds frames written in this format: its bytes must never change within a version. */
    @Test
    void shouldWriteTheWireFormatByteForByte() {
        Tick ltp = Tick.builder().instrumentToken(256_265).mode(TickMode.LTP).lastPrice(2_375_425)
                .exchangeTimestamp(1_732_000_000_000L).receiveTimestamp(1_732_000_000_005L).build()
                .withIngestSequence(1_000_000);
        String full = "0181f418ffffff7f42034e534504494e4659f49a13d0aff5b3e8642e540a89018eda9601a08d0690bf05b315ec09"
                + "9b1dc313c213cf0f9a01d08c01b89401807d000000000000f4bff4df01cb8702c49805f3c70402030914021328040a3c"
                + "061450081e640a";
        String ltpRecord = "89d20f780282fca10280a0f5b3e8640a80897a";

        assertThat(HexFormat.of().formatHex(TickCodec.encode(fullTick()))).isEqualTo(full);
        assertThat(HexFormat.of().formatHex(TickCodec.encode(ltp))).isEqualTo("01" + ltpRecord);
        assertThat(HexFormat.of().formatHex(TickCodec.encode(List.of(fullTick(), ltp)))).isEqualTo(full + ltpRecord);
        assertThat(TickCodec.decode(HexFormat.of().parseHex(full + ltpRecord))).containsExactly(fullTick(), ltp);
    }

    @Test
    void shouldEncodeAFullTickWithALongSymbolWithinTheInitialBuffer() {
        Depth.Builder d = Depth.builder(5);
        for (int i = 0; i < 5; i++) {
            d.bid(157_365 - 500 * i, 1_000_000 + i, 1_000 + i).ask(157_375 + 500 * i, 2_000_000 + i, 2_000 + i);
        }
        Tick option = fullTick().toBuilder().tradingSymbol("BANKNIFTY25DEC59000CE").volume(987_654_321)
                .depth(d.build()).build().withIngestSequence(123_456_789_012L);

        // The writer grows unless a whole varint (10 bytes) still fits after what it holds.
        assertThat(TickCodec.encode(option).length + 10).isLessThanOrEqualTo(TickCodec.TICK_BYTES);
    }

    @Test
    void shouldHandOutFramesThatLaterEncodingsOnTheSameThreadLeaveAlone() {
        Tick deep = fullTick();
        Tick small = Tick.builder().instrumentToken(5).lastPrice(1).build();

        byte[] first = TickCodec.encode(deep);
        byte[] copy = first.clone();
        byte[] second = TickCodec.encode(small);

        assertThat(first).isEqualTo(copy);
        assertThat(TickCodec.decode(first)).containsExactly(deep);
        assertThat(TickCodec.decode(second)).containsExactly(small);
    }

    @Test
    void shouldJoinFramesIntoTheFrameOfAllTheirTicks() {
        Tick a = fullTick();
        Tick b = a.toBuilder().lastPrice(157_400).depth(null).build().withIngestSequence(43);
        Tick c = Tick.builder().instrumentToken(5).build();

        byte[] joined = TickCodec.join(List.of(TickCodec.encode(a), TickCodec.encode(List.of(b, c))));

        assertThat(joined).isEqualTo(TickCodec.encode(List.of(a, b, c)));
        assertThat(TickCodec.join(List.of(TickCodec.encode(a)))).isEqualTo(TickCodec.encode(a));
        assertThat(TickCodec.join(List.of())).isEqualTo(TickCodec.encode(List.of()));
    }

    @Test
    void shouldRefuseToJoinWhatIsNotAFrameOfThisVersion() {
        byte[] otherVersion = TickCodec.encode(fullTick());
        otherVersion[0] = 9;

        assertThatThrownBy(() -> TickCodec.join(List.of(TickCodec.encode(fullTick()), new byte[0])))
                .isInstanceOf(MalformedTickFrameException.class).hasMessageContaining("empty frame");
        assertThatThrownBy(() -> TickCodec.join(List.of(otherVersion)))
                .isInstanceOf(MalformedTickFrameException.class).hasMessageContaining("version 9");
    }

    @Test
    void shouldKeepAGivenChangeAndRecomputeAnOmittedOne() {
        Tick given = fullTick().toBuilder().change(5).build();
        Tick computed = Tick.builder().instrumentToken(1).lastPrice(110).close(100).build();

        assertThat(TickCodec.decode(TickCodec.encode(given)).get(0).change()).isEqualTo(5);
        Tick back = TickCodec.decode(TickCodec.encode(computed)).get(0);
        assertThat(back.change()).isEqualTo(10);
        assertThat(back.toBuilder().lastPrice(120).build().change()).isEqualTo(20);
    }

    @Test
    void shouldRoundTripExtremeAndNegativeValuesAtEveryScale() {
        for (int scale : new int[] {0, 2, 4, 7, 18}) {
            Tick t = Tick.builder().instrumentToken(Long.MAX_VALUE).priceScale(scale).mode(TickMode.QUOTE)
                    .lastPrice(Long.MIN_VALUE + 1).open(Long.MAX_VALUE).high(-1).low(Long.MIN_VALUE)
                    .close(Long.MAX_VALUE).volume(Long.MAX_VALUE).averagePrice(-5)
                    .exchangeTimestamp(Long.MAX_VALUE).receiveTimestamp(Long.MIN_VALUE).lastTradeTime(-7)
                    .feedSequence(0).openInterestChangePercent(Double.POSITIVE_INFINITY).build()
                    .withIngestSequence(Long.MAX_VALUE);
            assertThat(TickCodec.decode(TickCodec.encode(t))).containsExactly(t);
        }
    }

    @Test
    void shouldRoundTripAMinimalTickInFewBytesAndNonAsciiSymbols() {
        Tick ltp = Tick.builder().instrumentToken(256_265).mode(TickMode.LTP).lastPrice(2_375_425)
                .exchangeTimestamp(1_732_000_000_000L).receiveTimestamp(1_732_000_000_005L).build()
                .withIngestSequence(1_000_000);
        Tick named = ltp.toBuilder().tradingSymbol("NIFTY 50 ₹").exchange(Exchange.of("XYZ")).build();

        byte[] frame = TickCodec.encode(ltp);

        assertThat(frame.length).isLessThanOrEqualTo(20);
        assertThat(TickCodec.decode(frame)).containsExactly(ltp);
        assertThat(TickCodec.decode(TickCodec.encode(named))).containsExactly(named);
    }

    @Test
    void shouldCarrySeveralTicksInOrderInOneFrame() {
        Tick a = fullTick();
        Tick b = a.toBuilder().lastPrice(157_400).depth(null).build().withIngestSequence(43);
        Tick c = Tick.builder().instrumentToken(5).build();

        assertThat(TickCodec.decode(TickCodec.encode(List.of(a, b, c)))).containsExactly(a, b, c);
    }

    @Test
    void shouldRoundTripTheDeepestBookATickMayHold() {
        Depth.Builder d = Depth.builder(Depth.MAX_LEVELS);
        for (int i = 0; i < Depth.MAX_LEVELS; i++) {
            d.bid(157_000 - i, 10 + i, 1 + i).ask(157_005 + i, 20 + i, 2 + i);
        }
        Tick deep = fullTick().toBuilder().depth(d.build()).build().withIngestSequence(7);

        assertThat(TickCodec.decode(TickCodec.encode(deep))).containsExactly(deep);
    }

    @Test
    void shouldRejectADeclaredDepthBeyondWhatATickMayHold() {
        // An empty book is the frame's last two bytes (bid and ask counts); declare one bid level too many.
        byte[] empty = TickCodec.encode(fullTick().toBuilder().depth(Depth.builder(1).build()).build());
        assertThat(Arrays.copyOfRange(empty, empty.length - 2, empty.length)).containsExactly(0, 0);
        byte[] tooDeep = Arrays.copyOf(empty, empty.length + 1);
        int tooMany = Depth.MAX_LEVELS + 1;
        tooDeep[empty.length - 2] = (byte) (0x80 | (tooMany & 0x7F));
        tooDeep[empty.length - 1] = (byte) (tooMany >>> 7);
        tooDeep[empty.length] = 0;

        assertThatThrownBy(() -> TickCodec.decode(tooDeep)).isInstanceOf(MalformedTickFrameException.class)
                .hasMessageContaining("depth of 256/0 levels");
    }

    @Test
    void shouldRejectFramesItDoesNotUnderstand() {
        byte[] good = TickCodec.encode(fullTick());
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;

        assertThatThrownBy(() -> TickCodec.decode(new byte[0])).isInstanceOf(MalformedTickFrameException.class);
        assertThatThrownBy(() -> TickCodec.decode(otherVersion)).isInstanceOf(MalformedTickFrameException.class)
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> TickCodec.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(MalformedTickFrameException.class);
        assertThatThrownBy(() -> TickCodec.decode(new byte[] {1, 5, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 0x7F, 0})).isInstanceOf(MalformedTickFrameException.class)
                .hasMessageContaining("unknown tick fields");
    }
}
