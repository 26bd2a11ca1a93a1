package io.tickengine.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Exchange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentRegistryTest {
    static final Instrument NIFTY = index(256265, "NIFTY 50");
    static final Instrument BANKNIFTY = index(260105, "NIFTY BANK");
    static final Instrument RELIANCE = stock(738561, "RELIANCE", "RELIANCE INDUSTRIES");
    static final Instrument INFY = stock(408065, "INFY", "INFOSYS");
    static final Instrument INFY_BSE = new Instrument(128053508, 500209, "INFY", "INFOSYS", null, null, null,
            new BigDecimal("0.05"), 1, "EQ", "BSE", Exchange.BSE);
    static final Instrument NIFTY_FUT = new Instrument(13238786, 51714, "NIFTY26JANFUT", "NIFTY", null,
            LocalDate.of(2026, 1, 27), null, new BigDecimal("0.1"), 75, "FUT", "NFO-FUT", Exchange.NFO);
    static final Instrument NIFTY_CE = new Instrument(12345602, 48225, "NIFTY26JAN25000CE", "NIFTY", null,
            LocalDate.of(2026, 1, 27), new BigDecimal("25000"), new BigDecimal("0.05"), 75, "CE", "NFO-OPT",
            Exchange.NFO);

    private final InstrumentRegistry registry =
            InstrumentRegistry.of(List.of(NIFTY, BANKNIFTY, RELIANCE, INFY, INFY_BSE, NIFTY_FUT, NIFTY_CE));

    static Instrument stock(long token, String symbol, String name) {
        return new Instrument(token, token >> 8, symbol, name, null, null, null, new BigDecimal("0.05"), 1, "EQ",
                "NSE", Exchange.NSE);
    }

    static Instrument index(long token, String symbol) {
        return new Instrument(token, token >> 8, symbol, symbol, null, null, null, BigDecimal.ZERO, 0, "EQ",
                Instrument.SEGMENT_INDICES, Exchange.NSE);
    }

    @Test
    void shouldStartEmpty() {
        InstrumentRegistry empty = InstrumentRegistry.empty();

        assertThat(empty.size()).isZero();
        assertThat(empty.findByToken(738561)).isNull();
        assertThat(empty.search("", 10)).isEmpty();
        assertThat(empty.nseStocks()).isEmpty();
        assertThat(empty.byClass(InstrumentClass.OPTION)).isEmpty();
    }

    @Test
    void shouldFindInstrumentByToken() {
        assertThat(registry.size()).isEqualTo(7);
        assertThat(registry.findByToken(738561)).isSameAs(RELIANCE);
        assertThat(registry.byToken(256265)).containsSame(NIFTY);
        assertThat(registry.findByToken(1)).isNull();
        assertThat(registry.byToken(1)).isEmpty();
    }

    @Test
    void shouldFindStockBySymbolCaseInsensitively() {
        assertThat(registry.bySymbol(Exchange.NSE, "reliance")).containsSame(RELIANCE);
        assertThat(registry.bySymbol(Exchange.BSE, "Infy")).containsSame(INFY_BSE);
        assertThat(registry.bySymbol(Exchange.NFO, "RELIANCE")).isEmpty();
    }

    @Test
    void shouldFindInstrumentByKey() {
        assertThat(registry.bySymbol("NSE:RELIANCE")).containsSame(RELIANCE);
        assertThat(registry.bySymbol(" nse : nifty 50 ")).containsSame(NIFTY);
        assertThat(registry.bySymbol("BSE:INFY")).containsSame(INFY_BSE);
        assertThat(registry.bySymbol("MCX:RELIANCE")).isEmpty();
        assertThat(registry.bySymbol("NOSUCHEXCHANGE:RELIANCE")).isEmpty();
    }

    @Test
    void shouldRejectMalformedKey() {
        for (String key : List.of("RELIANCE", "NSE:", ":RELIANCE", " : ", "")) {
            assertThatThrownBy(() -> registry.bySymbol(key))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EXCHANGE:SYMBOL")
                    .hasMessageContaining("'" + key + "'");
        }
    }

    @Test
    void shouldSearchByPrefixSortedWithExactMatchesFirst() {
        InstrumentRegistry r = InstrumentRegistry.of(List.of(
                stock(1, "INFYX", "X"), stock(2, "INFY-BE", "Y"), INFY, INFY_BSE, stock(3, "IRCTC", "Z")));

        assertThat(r.search("infy", 10)).extracting(Instrument::instrumentToken)
                .containsExactly(INFY_BSE.instrumentToken(), INFY.instrumentToken(), 2L, 1L);
        assertThat(r.search("I", 10)).extracting(Instrument::tradingSymbol)
                .containsExactly("INFY", "INFY", "INFY-BE", "INFYX", "IRCTC");
    }

    @Test
    void shouldLimitSearchResults() {
        assertThat(registry.search("NIFTY", 2)).extracting(Instrument::tradingSymbol)
                .containsExactly("NIFTY 50", "NIFTY BANK");
        assertThat(registry.search("NIFTY", 0)).isEmpty();
        assertThat(registry.search("", 100)).hasSize(7);
        assertThat(registry.search("ZZZ", 10)).isEmpty();
        assertThatThrownBy(() -> registry.search("N", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void shouldSearchWithinOneExchange() {
        assertThat(registry.search("bse:inf", 10)).containsExactly(INFY_BSE);
        assertThat(registry.search("NSE:INFY", 10)).containsExactly(INFY);
        assertThat(registry.search("NFO:NIFTY", 10)).containsExactly(NIFTY_CE, NIFTY_FUT);
        assertThat(registry.search("NSE:", 10)).containsExactly(INFY, NIFTY, BANKNIFTY, RELIANCE);
        assertThatThrownBy(() -> registry.search(":INFY", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldListInstrumentsByClass() {
        assertThat(registry.byClass(InstrumentClass.INDEX)).containsExactly(NIFTY, BANKNIFTY);
        assertThat(registry.byClass(InstrumentClass.STOCK)).containsExactly(INFY_BSE, INFY, RELIANCE);
        assertThat(registry.byClass(InstrumentClass.FUTURE)).containsExactly(NIFTY_FUT);
        assertThat(registry.byClass(InstrumentClass.OPTION)).containsExactly(NIFTY_CE);
        assertThat(registry.byClass(InstrumentClass.OTHER)).isEmpty();
        assertThatThrownBy(() -> registry.byClass(InstrumentClass.STOCK).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldSelectNseIndicesOnly() {
        Instrument bseIndex = new Instrument(265, 1, "SENSEX", "SENSEX", null, null, null, null, 0, "EQ",
                Instrument.SEGMENT_INDICES, Exchange.BSE);
        InstrumentRegistry r = InstrumentRegistry.of(List.of(NIFTY, BANKNIFTY, bseIndex, RELIANCE));

        assertThat(r.nseIndices()).containsExactly(NIFTY, BANKNIFTY);
    }

    @Test
    void shouldSelectNseStocksWithSeedFilters() {
        Instrument etf = stock(2, "NIFTYBEES", "NIPPON INDIA ETF NIFTY BEES");
        List<Instrument> excluded = List.of(
                INFY_BSE,
                new Instrument(10, 1, "RELIANCE-X", "R", null, null, null, null, 1, "EQ", "NSE-X", Exchange.NSE),
                new Instrument(11, 1, "GSEC", "GSEC", null, null, null, null, 1, "GS", "NSE", Exchange.NSE),
                new Instrument(12, 1, "EXPIRING", "E", null, LocalDate.of(2026, 3, 26), null, null, 1, "EQ", "NSE",
                        Exchange.NSE),
                new Instrument(13, 1, "LOT10", "LOT", null, null, null, null, 10, "EQ", "NSE", Exchange.NSE),
                new Instrument(14, 1, "NONAME", null, null, null, null, null, 1, "EQ", "NSE", Exchange.NSE),
                new Instrument(15, 1, "BLANKNAME", "  ", null, null, null, null, 1, "EQ", "NSE", Exchange.NSE),
                stock(16, "SGBLOAN", "SOVEREIGN GOLD LOAN"),
                stock(17, "BONDLOWER", "Bank bond loan series"),
                NIFTY);
        List<Instrument> all = new ArrayList<>(excluded);
        all.add(RELIANCE);
        all.add(etf);
        all.add(INFY);

        InstrumentRegistry r = InstrumentRegistry.of(all);

        assertThat(r.nseStocks()).containsExactly(INFY, etf, RELIANCE);
    }

    @Test
    void shouldKeepLastRowForDuplicateToken() {
        Instrument renamed = stock(RELIANCE.instrumentToken(), "RELIANCE-NEW", "RELIANCE INDUSTRIES");

        InstrumentRegistry r = InstrumentRegistry.of(List.of(RELIANCE, INFY, renamed, INFY));

        assertThat(r.size()).isEqualTo(2);
        assertThat(r.duplicateTokens()).isEqualTo(2);
        assertThat(r.findByToken(RELIANCE.instrumentToken())).isSameAs(renamed);
        assertThat(r.bySymbol("NSE:RELIANCE")).isEmpty();
        assertThat(r.bySymbol("NSE:RELIANCE-NEW")).containsSame(renamed);
        assertThat(r.search("", 10)).containsExactly(INFY, renamed);
        assertThat(r.nseStocks()).containsExactly(INFY, renamed);
    }

    @Test
    void shouldKeepFirstRowForDuplicateSymbol() {
        Instrument other = stock(999, "reliance", "SOMETHING ELSE");

        InstrumentRegistry r = InstrumentRegistry.of(List.of(RELIANCE, other));

        assertThat(r.duplicateSymbols()).isEqualTo(1);
        assertThat(r.duplicateTokens()).isZero();
        assertThat(r.bySymbol(Exchange.NSE, "RELIANCE")).containsSame(RELIANCE);
        assertThat(r.findByToken(999)).isSameAs(other);
        assertThat(r.search("RELIANCE", 10)).containsExactly(other, RELIANCE);
    }

    @Test
    void shouldReplaceWholeMasterOnRefresh() {
        registry.replaceAll(List.of(RELIANCE, stock(1, "NEWCO", "NEW COMPANY")));

        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.findByToken(INFY.instrumentToken())).isNull();
        assertThat(registry.bySymbol("NSE:NEWCO")).isPresent();
        assertThat(registry.nseIndices()).isEmpty();
        assertThat(registry.nseStocks()).extracting(Instrument::tradingSymbol).containsExactly("NEWCO", "RELIANCE");
        assertThat(registry.duplicateTokens()).isZero();
    }

    @Test
    void shouldRejectNullInstrumentWithoutChangingMaster() {
        List<Instrument> withNull = new ArrayList<>(List.of(INFY));
        withNull.add(null);

        assertThatThrownBy(() -> registry.replaceAll(withNull)).isInstanceOf(NullPointerException.class);
        assertThat(registry.size()).isEqualTo(7);
    }

    @Test
    void shouldFindManyTokensThatShareASegmentByte() {
        List<Instrument> many = new ArrayList<>();
        for (long exchangeToken = 1; exchangeToken <= 20_000; exchangeToken++) {
            many.add(stock(exchangeToken << 8 | 1, "S" + exchangeToken, "N"));
        }

        InstrumentRegistry r = InstrumentRegistry.of(many);

        assertThat(r.size()).isEqualTo(20_000);
        for (Instrument i : many) {
            assertThat(r.findByToken(i.instrumentToken())).isSameAs(i);
        }
        assertThat(r.findByToken(20_001L << 8 | 1)).isNull();
        assertThat(r.findByToken(0)).isNull();
    }
}
