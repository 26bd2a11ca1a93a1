package io.tickengine.store.timescale.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolRowsTest {
    @Test
    void shouldOfferEachNewTripleOnceAndSkipTicksWithoutExchangeOrSymbol() {
        SymbolRows rows = new SymbolRows();
        Tick infy = SampleRecords.fullTick(1);
        Tick relisted = infy.toBuilder().instrumentToken(408_066).build();
        Tick noSymbol = infy.toBuilder().tradingSymbol(null).build();
        Tick noExchange = infy.toBuilder().exchange(null).build();

        List<SymbolRows.Key> unseen = rows.unseen(List.of(infy, noSymbol, relisted, infy, noExchange));

        assertThat(unseen).containsExactly(new SymbolRows.Key("NSE", "INFY", 408_065),
                new SymbolRows.Key("NSE", "INFY", 408_066));
    }

    @Test
    void shouldRememberOnlyWhatWasCommitted() {
        SymbolRows rows = new SymbolRows();
        Tick infy = SampleRecords.fullTick(1);
        List<SymbolRows.Key> first = rows.unseen(List.of(infy));

        assertThat(rows.unseen(List.of(infy))).isEqualTo(first);
        rows.committed(first);
        assertThat(rows.unseen(List.of(infy))).isEmpty();
        assertThat(rows.unseen(List.of(infy.toBuilder().exchange(Exchange.BSE).build())))
                .containsExactly(new SymbolRows.Key("BSE", "INFY", 408_065));
    }
}
