package io.tickengine.kite.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Depth;
import io.tickengine.core.InvalidPriceException;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.ManualClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder writes what the parser reads back, for every packet kind and segment. */
class KitePacketEncoderTest {
    static final long NOW = 1_700_000_000_000L;
    final KiteFrameParser parser = new KiteFrameParser(KiteParserOptions.builder().clock(new ManualClock(NOW)).build());

    static Tick.Builder base(long token, TickMode mode) {
        KiteSegment s = KiteSegment.ofToken(token);
        return Tick.builder().instrumentToken(token).mode(mode).exchange(s.exchange()).tradable(s.tradable())
                .priceScale(s.priceScale()).receiveTimestamp(NOW).lastPrice(123_4500);
    }

    static Tick full(long token) {
        Depth.Builder d = Depth.builder(5);
        for (int i = 1; i <= 5; i++) {
            d.bid(123_4500 - i * 5, 3_000_000_000L + i, i);
            d.ask(123_4500 + i * 5, 10L * i, 65535 - i);
        }
        return base(token, TickMode.FULL).lastQuantity(4).averagePrice(123_4000).volume(4_000_000_000L)
                .totalBuyQuantity(11).totalSellQuantity(12).open(120_0000).high(125_0000).low(119_0000).close(121_0000)
                .lastTradeTime(1_699_999_999_000L).openInterest(7).openInterestDayHigh(8).openInterestDayLow(6)
                .exchangeTimestamp(1_700_000_000_000L).depth(d.build()).build();
    }

    List<Tick> roundTrip(List<Tick> ticks) {
        ByteBuffer frame = KitePacketEncoder.encodeFrame(ticks);
        List<Tick> out = new ArrayList<>();
        parser.parse(frame, out);
        return out;
    }

    @Test
    void shouldRoundTripEveryKindAndSegment() {
        List<Tick> ticks = new ArrayList<>();
        for (KiteSegment s : KiteSegment.values()) {
            long token = (4242L << 8) | s.code();
            ticks.add(base(token, TickMode.LTP).build());
            if (s.tradable()) {
                ticks.add(base(token, TickMode.QUOTE).volume(99).open(1).high(2).low(1).close(2).build());
                ticks.add(full(token));
            } else {
                ticks.add(base(token, TickMode.QUOTE).high(3).low(1).open(2).close(2).change(-7).build());
                ticks.add(base(token, TickMode.FULL).high(3).low(1).open(2).close(2).change(9)
                        .exchangeTimestamp(1_700_000_000_000L).build());
            }
        }

        assertThat(roundTrip(ticks)).containsExactlyElementsOf(ticks);
    }

    @Test
    void shouldWriteTheLengthsOfTheProtocol() {
        assertThat(KitePacketEncoder.packetLength(408065, TickMode.LTP)).isEqualTo(8);
        assertThat(KitePacketEncoder.packetLength(408065, TickMode.QUOTE)).isEqualTo(44);
        assertThat(KitePacketEncoder.packetLength(408065, TickMode.FULL)).isEqualTo(184);
        assertThat(KitePacketEncoder.packetLength(256265, TickMode.QUOTE)).isEqualTo(28);
        assertThat(KitePacketEncoder.packetLength(256265, TickMode.FULL)).isEqualTo(32);
        assertThat(KitePacketEncoder.heartbeat().remaining()).isEqualTo(1);
    }

    @Test
    void shouldRescalePricesExactlyToTheSegmentScale() {
        long cdsToken = (10L << 8) | 3;
        Tick paise = Tick.builder().instrumentToken(cdsToken).priceScale(2).lastPrice(8350).build();

        Tick read = roundTrip(List.of(paise)).get(0);

        assertThat(read.priceScale()).isEqualTo(7);
        assertThat(read.lastPriceDecimal()).hasToString("83.5000000");
    }

    @Test
    void shouldRefuseValuesTheWireCannotCarry() {
        ByteBuffer out = ByteBuffer.allocate(256);
        Tick lossy = Tick.builder().instrumentToken(408065).priceScale(4).lastPrice(12345).build();
        Tick hugeVolume = base(408065, TickMode.QUOTE).volume(1L << 32).build();
        Tick unknownSegment = Tick.builder().instrumentToken((1L << 8) | 10).build();

        assertThatThrownBy(() -> KitePacketEncoder.writePacket(out, lossy)).isInstanceOf(InvalidPriceException.class);
        assertThatThrownBy(() -> KitePacketEncoder.writePacket(out, hugeVolume))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume");
        assertThatThrownBy(() -> KitePacketEncoder.writePacket(out, unknownSegment))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown segment 10");
    }
}
