package io.tickengine.kite.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.instrument.Instrument;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Damaged frames raise {@link MalformedFrameException} after the good ticks are out; and the instrument lookup. */
class KiteFrameParserMalformedTest {
    final KiteFrameParser parser = new KiteFrameParser(KiteParserOptions.create());
    final List<Tick> out = new ArrayList<>();

    MalformedFrameException parseBroken(ByteBuffer frame) {
        MalformedFrameException e = catchThrowableOfType(MalformedFrameException.class, () -> parser.parse(frame, out));
        assertThat(e).as("exception").isNotNull();
        assertThat(e.hexDump()).isNotEmpty();
        assertThat(e.frameLength()).isEqualTo(frame.remaining());
        return e;
    }

    @Test
    void shouldKeepEarlierPacketsOfATruncatedFrame() {
        ByteBuffer full = Bytes.frame(Bytes.ltp(1, 10), Bytes.ltp(1, 11), Bytes.ltp(1, 12));
        ByteBuffer truncated = full.limit(2 + 2 * 10);

        MalformedFrameException e = parseBroken(truncated);

        assertThat(e).hasMessageContaining("truncated");
        assertThat(e.offset()).isEqualTo(22);
        assertThat(out).extracting(Tick::lastPrice).containsExactly(10L, 11L);
    }

    @Test
    void shouldKeepEarlierPacketsWhenAPacketRunsPastTheEnd() {
        ByteBuffer frame = Bytes.frame(Bytes.ltp(1, 10), Bytes.ltp(1, 11));
        frame.putShort(12, (short) 184);

        MalformedFrameException e = parseBroken(frame);

        assertThat(e).hasMessageContaining("declares 184 bytes but only 8 remain");
        assertThat(e.offset()).isEqualTo(12);
        assertThat(out).extracting(Tick::lastPrice).containsExactly(10L);
    }

    @Test
    void shouldRejectAnImpossiblePacketCount() {
        MalformedFrameException e = parseBroken(Bytes.raw(0xFF, 0xFF, 0, 8, 0, 0, 0, 1, 0, 0, 0, 10));

        assertThat(e).hasMessageContaining("impossible packet count 65535");
        assertThat(e.offset()).isZero();
        assertThat(out).isEmpty();
    }

    @Test
    void shouldRejectTrailingBytesAfterDeliveringEveryPacket() {
        ByteBuffer good = Bytes.frame(Bytes.ltp(1, 10));
        ByteBuffer frame = ByteBuffer.allocate(good.remaining() + 3).put(good).put(new byte[3]).flip();

        MalformedFrameException e = parseBroken(frame);

        assertThat(e).hasMessageContaining("3 trailing bytes");
        assertThat(out).hasSize(1);
    }

    @Test
    void shouldSkipAPacketThatContradictsItsSegmentAndKeepTheOthers() {
        byte[] tradableLengthForIndex = Bytes.packet(44).i32(0, 256265).i32(4, 100).bytes();
        byte[] indexLengthForStock = Bytes.packet(28).i32(0, 408065).i32(4, 100).bytes();

        MalformedFrameException e = parseBroken(Bytes.frame(Bytes.ltp(1, 10), tradableLengthForIndex,
                indexLengthForStock, Bytes.ltp(1, 11)));

        assertThat(e).hasMessageContaining("packet 2 of 4 has length 44 but token segment 9");
        assertThat(e.offset()).isEqualTo(12);
        assertThat(out).extracting(Tick::lastPrice).containsExactly(10L, 11L);
    }

    @Test
    void shouldCapTheHexDump() {
        byte[][] packets = new byte[100][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = Bytes.ltp(1, i);
        }
        ByteBuffer frame = Bytes.frame(packets);
        frame.limit(frame.limit() - 1);

        MalformedFrameException e = parseBroken(frame);

        assertThat(e.hexDump()).startsWith("00 64 00 08 00 00 00 01").endsWith("(489 more bytes)");
        assertThat(out).hasSize(99);
    }

    @Test
    void shouldNameInstrumentsAndPlaceIndicesThroughTheLookup() {
        Instrument sensex = new Instrument(265, 1, "SENSEX", "SENSEX", null, null, null, null, 0, "EQ",
                Instrument.SEGMENT_INDICES, Exchange.BSE);
        Instrument infy = new Instrument(408065, 1594, "INFY", "INFOSYS", null, null, null, BigDecimal.valueOf(5, 2), 1,
                "EQ", "NSE", Exchange.NSE);
        LongFunction<Instrument> lookup = t -> t == 265 ? sensex : t == 408065 ? infy : null;
        KiteFrameParser named = new KiteFrameParser(KiteParserOptions.builder().instrumentLookup(lookup).build());

        named.parse(Bytes.frame(Bytes.ltp(265, 1), Bytes.ltp(408065, 2), Bytes.ltp(256265, 3)), out);

        assertThat(out.get(0).exchange()).isSameAs(Exchange.BSE);
        assertThat(out.get(0).displayName()).isEqualTo("BSE:SENSEX");
        assertThat(out.get(1).displayName()).isEqualTo("NSE:INFY");
        assertThat(out.get(2).exchange()).isSameAs(Exchange.NSE);
        assertThat(out.get(2).tradingSymbol()).isNull();
    }

    @Test
    void shouldGoOnWithoutSymbolsWhenTheLookupThrows() {
        KiteFrameParser named = new KiteFrameParser(KiteParserOptions.builder().instrumentLookup(t -> {
            throw new IllegalStateException("registry down");
        }).build());

        named.parse(Bytes.frame(Bytes.ltp(408065, 2)), out);

        assertThat(out.get(0).tradingSymbol()).isNull();
    }
}
