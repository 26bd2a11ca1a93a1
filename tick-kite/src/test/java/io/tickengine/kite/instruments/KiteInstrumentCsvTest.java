package io.tickengine.kite.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.kite.parse.KiteSegment;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV reader on Kite's format, damaged rows and the bundled sample. */
class KiteInstrumentCsvTest {
    static final String HEADER = "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,"
            + "tick_size,lot_size,instrument_type,segment,exchange\r\n";

    static KiteInstrumentCsv.Result read(String csv) {
        return KiteInstrumentCsv.read(new StringReader(csv));
    }

    @Test
    void shouldReadQuotedFieldsCrlfLinesAndExactDecimals() {
        KiteInstrumentCsv.Result r = read("\uFEFF" + HEADER
                + "408065,1594,INFY,\"INFOSYS\",1573.70,,0,0.05,1,EQ,NSE,NSE\r\n"
                + "519937,2031,M&M,\"MAHINDRA, \"\"M&M\"\" LTD\",0,,,0.05,1,EQ,NSE,NSE\r\n"
                + "315907,1234,USDINR25DECFUT,\"USDINR\",83.2575,2025-12-29,0,0.0025,1,FUT,CDS-FUT,CDS\r\n"
                + "10241538,40006,NIFTY25DEC26000CE,,0.05,2025-12-30,26000.5,0.05,75,CE,NFO-OPT,NFO\r\n");

        assertThat(r.badRows()).isZero();
        assertThat(r.rows()).isEqualTo(4);
        Instrument infy = r.instruments().get(0);
        assertThat(infy).isEqualTo(new Instrument(408065, 1594, "INFY", "INFOSYS", new BigDecimal("1573.70"), null,
                BigDecimal.ZERO, new BigDecimal("0.05"), 1, "EQ", "NSE", Exchange.NSE));
        assertThat(r.instruments().get(1).name()).isEqualTo("MAHINDRA, \"M&M\" LTD");
        assertThat(r.instruments().get(1).strike()).isEqualByComparingTo("0");
        Instrument usdinr = r.instruments().get(2);
        assertThat(usdinr.lastPrice()).isEqualTo(new BigDecimal("83.2575"));
        assertThat(usdinr.tickSize()).isEqualTo(new BigDecimal("0.0025"));
        assertThat(usdinr.expiry()).isEqualTo(LocalDate.of(2025, 12, 29));
        Instrument option = r.instruments().get(3);
        assertThat(option.name()).isNull();
        assertThat(option.strike()).isEqualTo(new BigDecimal("26000.5"));
        assertThat(option.instrumentClass()).isEqualTo(InstrumentClass.OPTION);
        assertThat(option.lotSize()).isEqualTo(75);
    }

    @Test
    void shouldCountAndDescribeBadRowsAndKeepTheGoodOnes() {
        KiteInstrumentCsv.Result r = read(HEADER
                + "abc,1,X,\"X\",0,,0,0.05,1,EQ,NSE,NSE\r\n"
                + "408065,1594,INFY,\"INFOSYS\",0,,0,0.05,1,EQ,NSE,NSE\r\n"
                + "738561,2885,RELIANCE,\"RELIANCE\",0,31-12-2025,0,0.05,1,EQ,NSE,NSE\r\n"
                + "779521,3045,,\"SBI\",0,,0,0.05,1,EQ,NSE,NSE\r\n"
                + "341249,1333,HDFCBANK,\"HDFC BANK\",0,,0,0.05\r\n"
                + "2953217,11536,TCS,\"TCS\",1.2.3,,0,0.05,1,EQ,NSE,NSE\r\n"
                + "0,0,ZERO,\"ZERO\",0,,0,0.05,1,EQ,NSE,NSE\r\n"
                + "\r\n"
                + "1270529,4963,ICICIBANK,\"ICICI BANK\",0,,0,0.05,1,EQ,NSE,NSE\r\n");

        assertThat(r.instruments()).extracting(Instrument::tradingSymbol).containsExactly("INFY", "ICICIBANK");
        assertThat(r.rows()).isEqualTo(8);
        assertThat(r.badRows()).isEqualTo(6);
        assertThat(r.problems()).hasSize(6);
        assertThat(r.problems().get(0)).contains("instrument_token is not a whole number: 'abc'");
        assertThat(r.problems()).anyMatch(p -> p.contains("expiry is not yyyy-mm-dd"))
                .anyMatch(p -> p.contains("tradingsymbol is empty"))
                .anyMatch(p -> p.contains("no lot_size"))
                .anyMatch(p -> p.contains("last_price is not a decimal"))
                .anyMatch(p -> p.contains("instrument_token must be 1.."));
    }

    @Test
    void shouldKeepRowsBeforeAnUnterminatedQuote() {
        KiteInstrumentCsv.Result r = read(HEADER + "408065,1594,INFY,\"INFOSYS\",0,,0,0.05,1,EQ,NSE,NSE\r\n"
                + "738561,2885,RELIANCE,\"RELIANCE,0,,0,0.05,1,EQ,NSE,NSE\r\n");

        assertThat(r.instruments()).extracting(Instrument::tradingSymbol).containsExactly("INFY");
        assertThat(r.badRows()).isEqualTo(1);
        assertThat(r.problems().get(0)).contains("unreadable CSV");
    }

    @Test
    void shouldRefuseAHeaderWithoutAColumn() {
        assertThatThrownBy(() -> read("instrument_token,tradingsymbol\r\n1,X\r\n"))
                .isInstanceOf(InvalidInstrumentFileException.class).hasMessageContaining("exchange_token");
        assertThatThrownBy(() -> read("")).isInstanceOf(InvalidInstrumentFileException.class);
    }

    @Test
    void shouldBundleASampleWhoseTokensMatchTheirSegments() {
        KiteInstrumentCsv.Result r = KiteInstrumentLoader.sample().read();
        InstrumentRegistry registry = InstrumentRegistry.of(r.instruments());

        assertThat(r.badRows()).isZero();
        assertThat(registry.bySymbol("NSE:NIFTY 50")).get().extracting(Instrument::instrumentToken).isEqualTo(256265L);
        assertThat(registry.bySymbol("NSE:NIFTY BANK")).get().extracting(Instrument::instrumentToken).isEqualTo(260105L);
        Map<String, Long> known = Map.of("RELIANCE", 738561L, "INFY", 408065L, "HDFCBANK", 341249L, "TCS", 2953217L,
                "ICICIBANK", 1270529L, "SBIN", 779521L);
        known.forEach((symbol, token) -> assertThat(registry.bySymbol(Exchange.NSE, symbol)).as(symbol).get()
                .extracting(Instrument::instrumentToken).isEqualTo(token));
        assertThat(registry.nseIndices()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(registry.nseStocks()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(registry.byClass(InstrumentClass.OPTION)).isNotEmpty();
        assertThat(registry.byClass(InstrumentClass.FUTURE)).extracting(Instrument::exchange)
                .contains(Exchange.NFO, Exchange.CDS, Exchange.MCX);
        for (Instrument i : r.instruments()) {
            KiteSegment segment = KiteSegment.ofToken(i.instrumentToken());
            assertThat(segment).as(i.key()).isNotNull();
            assertThat(i.exchangeToken()).as(i.key()).isEqualTo(i.instrumentToken() >> 8);
            boolean index = Instrument.SEGMENT_INDICES.equals(i.segment());
            assertThat(segment == KiteSegment.INDICES).as(i.key()).isEqualTo(index);
            if (!index) {
                assertThat(segment.exchange()).as(i.key()).isEqualTo(i.exchange());
            }
        }
    }
}
