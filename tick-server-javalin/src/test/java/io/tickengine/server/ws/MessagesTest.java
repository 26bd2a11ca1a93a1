package io.tickengine.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.server.internal.Tree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {
    static final Depth BOOK = Depth.builder(2).bid(2_912_00, 100, 3).bid(2_911_95, 50, 1).ask(2_912_05, 70, 2).build();

    static Tick depthTick() {
        return Tick.builder().instrumentToken(1594).exchange(Exchange.NSE).tradingSymbol("INFY").mode(TickMode.DEPTH)
                .priceScale(2).exchangeTimestamp(1_700_000_000_000L).receiveTimestamp(1_700_000_000_005L).depth(BOOK)
                .build().withIngestSequence(42);
    }

    @Test
    void shouldEncodeADepthTickWithItsBookAndWithoutAFakePrice() {
        Map<String, Object> m = Messages.kiteTick(depthTick());

        assertThat(m).doesNotContainKeys("last_price", "volume", "ohlc", "change", "oi");
        assertThat(m).containsEntry("mode", "depth").containsEntry("sequence", 42L);
        String json = Tree.json(m);
        assertThat(json).contains("\"depth\":{\"buy\":[{\"price\":2912.00,\"quantity\":100,\"orders\":3},"
                + "{\"price\":2911.95,\"quantity\":50,\"orders\":1}],\"sell\":[{\"price\":2912.05,\"quantity\":70,\"orders\":2}]}");
    }

    @Test
    void shouldEncodeADepthTickDtoWithItsBookInPlaceOfPriceAndOhlc() {
        Map<String, Object> m = Messages.tickDto(depthTick(), InstrumentClass.STOCK);

        assertThat(m).doesNotContainKeys("lastTradedPrice", "volume", "ohlc");
        assertThat(m).containsKeys("symbol", "timestamp", "depth", "sequence");
    }

    @Test
    void shouldKeepTradeFieldsForEveryOtherMode() {
        for (TickMode mode : List.of(TickMode.LTP, TickMode.QUOTE, TickMode.FULL)) {
            Tick t = depthTick().toBuilder().mode(mode).lastPrice(2_912_00).build();
            assertThat(Tree.json(Messages.kiteTick(t))).as("%s", mode).contains("\"last_price\":2912.00");
            assertThat(Messages.tickDto(t, InstrumentClass.STOCK)).as("%s", mode).containsKey("lastTradedPrice");
        }
        assertThat(Messages.kiteTick(depthTick().toBuilder().mode(TickMode.FULL).lastPrice(1).build())).containsKey("depth");
        assertThat(Messages.kiteTick(depthTick().toBuilder().mode(TickMode.QUOTE).lastPrice(1).build())).doesNotContainKey("depth");
    }
}
