package io.tickengine.cache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.cache.redis.RedisCacheException;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.instrument.Instrument;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DocumentsTest {
    private static final long T = 1_765_165_500_123L; // 2025-12-08T09:15:00.123+05:30

    @Test
    void shouldWriteCandlesWithExactPricesAndReadThemBack() {
        Candle c = new Candle(408_065, Exchange.NSE, CandleInterval.S1, 1_732_000_000_000L, 2, 157_370, 157_400,
                157_300, 157_390, 1200, 7, 1);
        Candle cds = new Candle(1, null, CandleInterval.M5, 0, 7, 834_512_345, 834_512_400, 834_512_300,
                834_512_399, 0, 0, 0);

        String json = CandleJson.write(c);

        assertThat(json).isEqualTo("{\"token\":408065,\"exchange\":\"NSE\",\"interval\":\"1s\",\"ts\":1732000000000,"
                + "\"scale\":2,\"open\":\"1573.70\",\"high\":\"1574.00\",\"low\":\"1573.00\",\"close\":\"1573.90\","
                + "\"volume\":1200,\"ticks\":7,\"rev\":1}");
        assertThat(CandleJson.read(json)).isEqualTo(c);
        assertThat(CandleJson.read(CandleJson.write(cds))).isEqualTo(cds);
        assertThatThrownBy(() -> CandleJson.read("{\"token\":1}")).isInstanceOf(RedisCacheException.class);
    }

    @Test
    void shouldWriteTheSeedsTickDtoExactly() {
        Tick t = Tick.builder().instrumentToken(256_265).tradingSymbol("NIFTY 50").exchange(Exchange.NSE)
                .mode(TickMode.QUOTE).lastPrice(2_375_425).volume(0).open(2_370_000).high(2_380_050).low(2_365_000)
                .close(2_371_000).exchangeTimestamp(T).receiveTimestamp(T + 5).build().withIngestSequence(9);

        String json = LegacyTickJson.write(t, "NIFTY 50");

        assertThat(json).startsWith("{\"symbol\":\"NIFTY 50\",\"instrumentToken\":256265,\"type\":\"INDEX\","
                + "\"timestamp\":\"2025-12-08T09:15:00.123+05:30\",\"lastTradedPrice\":23754.25,\"volume\":0,"
                + "\"ohlc\":{\"open\":23700.00,\"high\":23800.50,\"low\":23650.00,\"close\":23710.00}");
        Tick back = LegacyTickJson.read(json);
        assertThat(back.lastPrice()).isEqualTo(2_375_425);
        assertThat(back.close()).isEqualTo(2_371_000);
        assertThat(back.eventTime()).isEqualTo(T);
        assertThat(back.ingestSequence()).isEqualTo(9);
        assertThat(back.exchange()).isEqualTo(Exchange.NSE);
        assertThat(back.tradable()).isFalse();
    }

    @Test
    void shouldReadADocumentTheSeedItselfWrote() {
        Tick t = LegacyTickJson.read("{\"symbol\":\"NIFTY 50\",\"instrumentToken\":256265,\"type\":\"INDEX\","
                + "\"timestamp\":\"2025-12-08T09:15:00.123+05:30\",\"lastTradedPrice\":23754.25,\"volume\":12}");

        assertThat(t.lastPriceDecimal()).isEqualByComparingTo("23754.25");
        assertThat(t.priceScale()).isEqualTo(2);
        assertThat(t.volume()).isEqualTo(12);
        assertThat(t.ingestSequence()).isZero();
    }

    @Test
    void shouldRoundTripInstruments() {
        Instrument index = new Instrument(256_265, 1024, "NIFTY 50", "NIFTY 50 \"index\"", null, null, null,
                new BigDecimal("0.05"), 0, "EQ", "INDICES", Exchange.NSE);
        Instrument option = new Instrument(12_345, 48, "NIFTY25DEC24000CE", null, new BigDecimal("12.35"),
                LocalDate.of(2025, 12, 25), new BigDecimal("24000"), new BigDecimal("0.05"), 75, "CE", "NFO-OPT",
                Exchange.NFO);

        String json = InstrumentJson.write(index);

        assertThat(json).startsWith("{\"instrumentToken\":256265,\"exchangeToken\":1024,\"tradingSymbol\":\"NIFTY 50\","
                + "\"type\":\"INDEX\"");
        assertThat(InstrumentJson.read(json)).isEqualTo(index);
        assertThat(InstrumentJson.read(InstrumentJson.write(option))).isEqualTo(option);
    }
}
