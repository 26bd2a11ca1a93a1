package io.tickengine.store.timescale.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Tick;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    @Test
    void shouldRoundTripATickWithEveryFieldExactly() {
        Tick t = SampleRecords.fullTick(12);

        Tick back = (Tick) roundTrip(t);

        assertThat(back).isEqualTo(t);
        assertThat(back.rawPacketBytes()).containsExactly(0, 6, 58, 1, (byte) 0xFF);
        assertThat(back.openInterestChangePercent()).isEqualTo(-1.25);
        assertThat(back.feedSequence()).isEqualTo(77);
    }

    @Test
    void shouldRoundTripABareTickWithAGivenChangeAndNoNames() {
        Tick t = SampleRecords.bareTick(3);

        Tick back = (Tick) roundTrip(t);

        assertThat(back).isEqualTo(t);
        assertThat(back.exchange()).isNull();
        assertThat(back.tradingSymbol()).isNull();
        assertThat(back.depth()).isNull();
        assertThat(back.hasRawPacket()).isFalse();
        assertThat(back.change()).isEqualTo(42);
        assertThat(back.openInterestChangePercent()).isNaN();
        assertThat(back.feedSequence()).isEqualTo(Tick.NO_SEQUENCE);
    }

    @Test
    void shouldRecomputeAChangeTheFeedDidNotGive() {
        Tick t = SampleRecords.fullTick(1);

        Tick back = (Tick) roundTrip(t);

        assertThat(back.toBuilder().close(157_100).build().change()).isEqualTo(back.lastPrice() - 157_100);
    }

    @Test
    void shouldRoundTripCandles() {
        assertThat(roundTrip(SampleRecords.candle(3))).isEqualTo(SampleRecords.candle(3));
        assertThat(roundTrip(SampleRecords.candleWithoutExchange())).isEqualTo(SampleRecords.candleWithoutExchange());
    }

    @Test
    void shouldRejectBytesThatAreNotARecord() {
        assertThatThrownBy(() -> RecordCodec.decode(ByteBuffer.wrap(new byte[]{9, 1, 2})))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuffer truncated = encode(SampleRecords.fullTick(1));
        truncated.limit(truncated.limit() - 10);
        assertThatThrownBy(() -> RecordCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Object roundTrip(Object record) {
        ByteBuffer buf = encode(record);
        Object back = RecordCodec.decode(buf);
        assertThat(buf.hasRemaining()).isFalse();
        return back;
    }

    private static ByteBuffer encode(Object record) {
        ByteBuffer buf = ByteBuffer.allocate(RecordCodec.encodedSize(record));
        RecordCodec.encode(record, buf);
        assertThat(buf.hasRemaining()).as("encodedSize is exact").isFalse();
        return buf.flip();
    }
}
