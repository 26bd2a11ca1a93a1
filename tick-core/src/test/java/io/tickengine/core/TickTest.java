package io.tickengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class TickTest {
    /** A tick with every field set to a distinct value, so a dropped field shows. */
    static Tick fullTick() {
        Depth depth = Depth.builder(5).bid(157340, 5, 1).ask(157370, 10, 2).build();
        return Tick.builder()
                .instrumentToken(408065).exchange(Exchange.NSE).tradingSymbol("INFY").tradable(true)
                .mode(TickMode.FULL).priceScale(2).lastPrice(157370).lastQuantity(3).averagePrice(157012)
                .volume(1192471).totalBuyQuantity(7).totalSellQuantity(8).open(156000).high(158000)
                .low(155500).close(156780).lastTradeTime(1625461887000L).exchangeTimestamp(1625461887000L)
                .receiveTimestamp(1625461887123L).feedSequence(99).openInterest(11).openInterestDayHigh(12)
                .openInterestDayLow(10).openInterestChangePercent(1.25).upperCircuit(172000).lowerCircuit(141000)
                .week52High(190000).week52Low(120000).depth(depth).rawPacket(new byte[] {1, 2, 3})
                .build();
    }

    @Test
    void shouldUseDefaultsForFieldsNotSet() {
        Tick t = Tick.builder().instrumentToken(256265).lastPrice(2_500_000).build();

        assertThat(t.mode()).isEqualTo(TickMode.LTP);
        assertThat(t.priceScale()).isEqualTo(2);
        assertThat(t.feedSequence()).isEqualTo(Tick.NO_SEQUENCE);
        assertThat(t.openInterestChangePercent()).isNaN();
        assertThat(t.exchange()).isNull();
        assertThat(t.tradingSymbol()).isNull();
        assertThat(t.tradable()).isFalse();
        assertThat(t.depth()).isNull();
        assertThat(t.hasRawPacket()).isFalse();
        assertThat(t.rawPacket()).isNull();
        assertThat(t.rawPacketBytes()).isNull();
        assertThat(t.ingestSequence()).isZero();
        assertThat(t.change()).isZero();
        assertThat(t.volume()).isZero();
        assertThat(t.displayName()).isEqualTo("256265");
    }

    @Test
    void shouldComputeChangeWhenNotGiven() {
        Tick t = Tick.builder().lastPrice(157370).close(156780).build();

        assertThat(t.change()).isEqualTo(590);
    }

    @Test
    void shouldReportZeroChangeWithoutClose() {
        assertThat(Tick.builder().lastPrice(157370).build().change()).isZero();
    }

    @Test
    void shouldKeepExplicitChange() {
        Tick t = Tick.builder().lastPrice(157370).close(156780).change(-1).build();

        assertThat(t.change()).isEqualTo(-1);
    }

    @Test
    void shouldRecomputeChangeWhenToBuilderChangesPrices() {
        Tick t = Tick.builder().lastPrice(157370).close(156780).build();

        Tick later = t.toBuilder().lastPrice(157400).build();

        assertThat(later.change()).isEqualTo(620);
    }

    @Test
    void shouldKeepExplicitChangeThroughToBuilder() {
        Tick index = Tick.builder().lastPrice(2_500_000).close(2_490_000).change(7).build();

        assertThat(index.toBuilder().build().change()).isEqualTo(7);
        assertThat(index.toBuilder().lastPrice(2_500_100).build().change()).isEqualTo(7);
    }

    @Test
    void shouldComputeChangePercent() {
        assertThat(Tick.builder().lastPrice(110).close(100).build().changePercent()).isEqualTo(10.0);
        assertThat(Tick.builder().lastPrice(95).close(100).build().changePercent()).isEqualTo(-5.0);
        assertThat(Tick.builder().lastPrice(95).build().changePercent()).isZero();
    }

    @Test
    void shouldKeepEveryFieldWithIngestSequence() {
        Tick t = fullTick();

        Tick sequenced = t.withIngestSequence(42);

        assertThat(sequenced.ingestSequence()).isEqualTo(42);
        assertThat(sequenced).isNotEqualTo(t);
        assertThat(sequenced).usingRecursiveComparison().ignoringFields("ingestSequence").isEqualTo(t);
        assertThat(sequenced.withIngestSequence(0)).isEqualTo(t).hasSameHashCodeAs(t);
    }

    @Test
    void shouldRoundTripThroughToBuilder() {
        Tick t = fullTick();

        Tick copy = t.toBuilder().build();

        assertThat(copy).isEqualTo(t).hasSameHashCodeAs(t).isNotSameAs(t);
        assertThat(copy).usingRecursiveComparison().isEqualTo(t);
    }

    @Test
    void shouldChangeOnlyWhatTheBuilderIsTold() {
        Tick t = fullTick();

        Tick later = t.toBuilder().volume(1192500).build();

        assertThat(later.volume()).isEqualTo(1192500);
        assertThat(later).usingRecursiveComparison().ignoringFields("volume").isEqualTo(t);
    }

    @Test
    void shouldExposeRawPacketReadOnly() {
        Tick t = fullTick();

        ByteBuffer view = t.rawPacket();

        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(3);
        assertThat(view.get(2)).isEqualTo((byte) 3);
        assertThatThrownBy(() -> view.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
        view.position(3);
        assertThat(t.rawPacket().position()).as("each view has its own position").isZero();
    }

    @Test
    void shouldCopyRawPacketBytesIndependently() {
        Tick t = fullTick();

        byte[] copy = t.rawPacketBytes();
        copy[0] = 9;

        assertThat(t.rawPacketBytes()).containsExactly(1, 2, 3);
        assertThat(t.hasRawPacket()).isTrue();
    }

    @Test
    void shouldFallBackToReceiveTimeForEventTime() {
        Tick withExchangeTime = Tick.builder().exchangeTimestamp(1000).receiveTimestamp(2000).build();
        Tick withoutExchangeTime = Tick.builder().receiveTimestamp(2000).build();

        assertThat(withExchangeTime.eventTime()).isEqualTo(1000);
        assertThat(withExchangeTime.hasExchangeTimestamp()).isTrue();
        assertThat(withoutExchangeTime.eventTime()).isEqualTo(2000);
        assertThat(withoutExchangeTime.hasExchangeTimestamp()).isFalse();
    }

    @Test
    void shouldGiveExactDecimalLastPrice() {
        Tick t = Tick.builder().priceScale(7).lastPrice(825750001).build();

        assertThat(t.lastPriceDecimal()).isEqualTo(new BigDecimal("82.5750001"));
        assertThat(t.lastPriceAsDouble()).isEqualTo(82.5750001);
    }

    @Test
    void shouldNameTickByExchangeAndSymbol() {
        assertThat(fullTick().displayName()).isEqualTo("NSE:INFY");
        assertThat(Tick.builder().tradingSymbol("INFY").build().displayName()).isEqualTo("INFY");
        assertThat(fullTick().toString()).contains("NSE:INFY", "last=1573.70", "volume=1192471");
    }

    @Test
    void shouldResetReusableBuilderToDefaults() {
        Tick.Builder b = fullTick().toBuilder();

        Tick t = b.reset().instrumentToken(1).build();

        assertThat(t).isEqualTo(Tick.builder().instrumentToken(1).build());
    }

    @Test
    void shouldRejectInvalidScaleAndMissingMode() {
        assertThatThrownBy(() -> Tick.builder().priceScale(19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tick.builder().mode(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mode");
    }

    @Test
    void shouldTreatNaNOpenInterestChangeAsEqual() {
        assertThat(Tick.builder().build()).isEqualTo(Tick.builder().build());
    }
}
