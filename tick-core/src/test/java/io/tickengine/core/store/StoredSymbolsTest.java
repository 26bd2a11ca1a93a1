package io.tickengine.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredSymbolsTest {
    private static final Tick INFY = Tick.builder().instrumentToken(408_065).exchange(Exchange.NSE)
            .tradingSymbol("INFY").mode(TickMode.LTP).priceScale(2).lastPrice(150_000).build();

    @Test
    void shouldOfferEachNewTripleOnceAndSkipTicksWithoutExchangeOrSymbol() {
        StoredSymbols symbols = new StoredSymbols();
        Tick relisted = INFY.toBuilder().instrumentToken(408_066).build();
        Tick noSymbol = INFY.toBuilder().tradingSymbol(null).build();
        Tick noExchange = INFY.toBuilder().exchange(null).build();

        List<StoredSymbols.Key> unseen = symbols.unseen(List.of(INFY, noSymbol, relisted, INFY, noExchange));

        assertThat(unseen).containsExactly(new StoredSymbols.Key("NSE", "INFY", 408_065),
                new StoredSymbols.Key("NSE", "INFY", 408_066));
        assertThat(symbols.unseen(List.of(noSymbol, noExchange))).isEmpty();
    }

    @Test
    void shouldRememberOnlyWhatWasCommitted() {
        StoredSymbols symbols = new StoredSymbols();
        List<StoredSymbols.Key> first = symbols.unseen(List.of(INFY));

        assertThat(symbols.unseen(List.of(INFY))).isEqualTo(first);
        symbols.committed(first);
        assertThat(symbols.unseen(List.of(INFY))).isEmpty();
        assertThat(symbols.unseen(List.of(INFY.toBuilder().exchange(Exchange.BSE).build())))
                .containsExactly(new StoredSymbols.Key("BSE", "INFY", 408_065));
    }

    @Test
    void shouldStartOverPastItsBoundAndOfferForgottenTriplesAgain() {
        StoredSymbols symbols = new StoredSymbols(2);
        Tick tcs = INFY.toBuilder().tradingSymbol("TCS").instrumentToken(2_953_217).build();
        Tick sbin = INFY.toBuilder().tradingSymbol("SBIN").instrumentToken(779_521).build();
        symbols.committed(symbols.unseen(List.of(INFY, tcs)));
        assertThat(symbols.size()).isEqualTo(2);

        symbols.committed(symbols.unseen(List.of(sbin)));

        assertThat(symbols.size()).isEqualTo(1);
        assertThat(symbols.unseen(List.of(INFY, tcs, sbin))).extracting(StoredSymbols.Key::symbol)
                .containsExactly("INFY", "TCS");
    }

    @Test
    void shouldRejectABoundBelowOne() {
        assertThatThrownBy(() -> new StoredSymbols(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxKnown");
    }
}
