package io.tickengine.kite.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.Instrument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quote JSON to ticks: exact decimals at the segment's scale, IST times, depth, bad quotes skipped. */
class QuoteResponseParserTest {
    static final String INFY_FULL = "\"NSE:INFY\":{\"instrument_token\":408065,\"timestamp\":\"2021-07-05 10:41:27\","
            + "\"last_trade_time\":\"2021-07-05 10:41:26\",\"last_price\":1573.7,\"last_quantity\":7,"
            + "\"buy_quantity\":256443,\"sell_quantity\":363009,\"volume\":3000000000,\"average_price\":1570.37,"
            + "\"oi\":0,\"oi_day_high\":0,\"oi_day_low\":0,\"net_change\":0,\"lower_circuit_limit\":1411.05,"
            + "\"upper_circuit_limit\":1724.55,\"ohlc\":{\"open\":1569.15,\"high\":1575,\"low\":1561.05,"
            + "\"close\":1567.8},\"depth\":{\"buy\":[{\"price\":1573.4,\"quantity\":5,\"orders\":1},"
            + "{\"price\":1573,\"quantity\":140,\"orders\":2}],\"sell\":[{\"price\":1573.7,\"quantity\":172,"
            + "\"orders\":3}]}}";

    final QuoteResponseParser parser = new QuoteResponseParser(token -> token == 408065
            ? new Instrument(408065, 1594, "INFY", "INFOSYS", null, null, null, null, 1, "EQ", "NSE", Exchange.NSE)
            : null);

    List<Tick> parse(String json, TickMode mode) throws IOException {
        return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), mode, 42);
    }

    @Test
    void shouldReadAFullQuoteExactly() throws IOException {
        Tick t = parse("{\"status\":\"success\",\"data\":{" + INFY_FULL + "}}", TickMode.FULL).get(0);

        assertThat(t.instrumentToken()).isEqualTo(408065);
        assertThat(t.tradingSymbol()).isEqualTo("INFY");
        assertThat(t.exchange()).isSameAs(Exchange.NSE);
        assertThat(t.mode()).isEqualTo(TickMode.FULL);
        assertThat(t.priceScale()).isEqualTo(2);
        assertThat(t.lastPrice()).isEqualTo(157370);
        assertThat(new long[] {t.open(), t.high(), t.low(), t.close()}).containsExactly(156915, 157500, 156105, 156780);
        assertThat(t.averagePrice()).isEqualTo(157037);
        assertThat(t.volume()).isEqualTo(3_000_000_000L);
        assertThat(new long[] {t.lastQuantity(), t.totalBuyQuantity(), t.totalSellQuantity()})
                .containsExactly(7, 256443, 363009);
        assertThat(new long[] {t.lowerCircuit(), t.upperCircuit()}).containsExactly(141105, 172455);
        assertThat(t.exchangeTimestamp())
                .isEqualTo(OffsetDateTime.parse("2021-07-05T10:41:27+05:30").toInstant().toEpochMilli())
                .isEqualTo(1625461887000L);
        assertThat(t.lastTradeTime()).isEqualTo(1625461886000L);
        assertThat(t.receiveTimestamp()).isEqualTo(42);
        assertThat(t.depth().bidLevels()).isEqualTo(2);
        assertThat(new long[] {t.depth().bidPrice(0), t.depth().bidQuantity(0), t.depth().bidOrders(0)})
                .containsExactly(157340, 5, 1);
        assertThat(t.depth().bidPrice(1)).isEqualTo(157300);
        assertThat(t.depth().askPrice(0)).isEqualTo(157370);
    }

    @Test
    void shouldScaleCurrencyAndCommodityPricesBySegment() throws IOException {
        String json = "{\"data\":{\"315907\":{\"instrument_token\":315907,\"last_price\":83.2575,"
                + "\"ohlc\":{\"open\":83.1,\"high\":83.3,\"low\":83.0025,\"close\":83.2}},"
                + "\"1\":{\"instrument_token\":3084,\"last_price\":\"83.25\",\"ohlc\":{}}},\"status\":\"success\"}";

        List<Tick> ticks = parse(json, TickMode.QUOTE);

        assertThat(ticks.get(0).priceScale()).isEqualTo(7);
        assertThat(ticks.get(0).lastPriceDecimal()).hasToString("83.2575000");
        assertThat(ticks.get(0).low()).isEqualTo(830_025_000L);
        assertThat(ticks.get(0).exchange()).isSameAs(Exchange.CDS);
        assertThat(ticks.get(1).priceScale()).isEqualTo(4);
        assertThat(ticks.get(1).lastPrice()).isEqualTo(832_500);
        assertThat(ticks.get(1).depth()).isNull();
    }

    @Test
    void shouldSkipAndCountQuotesThatCannotBeRead() throws IOException {
        String json = "{\"status\":\"success\",\"data\":{"
                + "\"a\":{\"instrument_token\":408065,\"last_price\":1573.705},"
                + "\"b\":{\"instrument_token\":3082,\"last_price\":1},"
                + "\"c\":{\"last_price\":1},"
                + "\"d\":{\"instrument_token\":408065,\"last_price\":\"x\",\"volume\":[1]},"
                + "\"e\":null,"
                + "\"f\":{\"instrument_token\":408065,\"timestamp\":\"yesterday\",\"last_price\":1},"
                + "\"g\":{\"instrument_token\":738561,\"last_price\":2500.05,\"extra\":{\"x\":[1,2]}}}}";

        List<Tick> ticks = parse(json, TickMode.FULL);

        assertThat(ticks).extracting(Tick::instrumentToken).containsExactly(738561L);
        assertThat(ticks.get(0).lastPrice()).isEqualTo(250005);
        assertThat(parser.badQuotes()).isEqualTo(6);
    }

    @Test
    void shouldRefuseAResponseThatIsNotASuccess() {
        assertThatThrownBy(() -> parse("{\"status\":\"error\",\"message\":\"x\"}", TickMode.LTP))
                .isInstanceOf(IOException.class).hasMessageContaining("error");
        assertThatThrownBy(() -> parse("[1]", TickMode.LTP)).isInstanceOf(IOException.class);
    }

    @Test
    void shouldConvertIstTimesToUtcMillis() {
        assertThat(QuoteResponseParser.millis("2024-01-01 05:30:00")).isEqualTo(1704067200000L);
        assertThat(QuoteResponseParser.millis("2024-01-01T05:30:00+05:30")).isEqualTo(1704067200000L);
        assertThat(QuoteResponseParser.millis(null)).isZero();
        assertThat(QuoteResponseParser.millis("")).isZero();
    }
}
