package io.tickengine.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.server.internal.Tree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

    @Test
    void shouldWriteTheSameJsonDirectlyAsTheTreeDoesForRandomTicks() {
        SplittableRandom random = new SplittableRandom(7);
        String[] symbols = {"INFY", null, "NIFTY 50", "M&M", "quote\"and\\slash", "\u0001ctl", "ä€ unicode"};
        int[] scales = {0, 2, 4, 7};
        Exchange[] exchanges = {Exchange.NSE, Exchange.BFO, Exchange.CDS, Exchange.MCX, null};
        for (int i = 0; i < 5_000; i++) {
            int scale = scales[random.nextInt(scales.length)];
            Depth.Builder book = Depth.builder(5);
            for (int l = random.nextInt(6); l > 0; l--) {
                book.bid(random.nextLong(-10, 10_000_000), random.nextLong(0, 1_000_000), random.nextInt(0, 500));
            }
            for (int l = random.nextInt(6); l > 0; l--) {
                book.ask(random.nextLong(1, 10_000_000), random.nextLong(0, 1_000_000), random.nextInt(0, 500));
            }
            Tick.Builder b = Tick.builder().instrumentToken(random.nextLong(1, 1L << 40))
                    .exchange(exchanges[random.nextInt(exchanges.length)])
                    .tradingSymbol(symbols[random.nextInt(symbols.length)])
                    .mode(TickMode.values()[random.nextInt(TickMode.values().length)]).priceScale(scale)
                    .lastPrice(random.nextLong(1, 100_000_000)).lastQuantity(random.nextLong(0, 10_000))
                    .averagePrice(random.nextLong(0, 100_000_000)).volume(random.nextLong(0, 1L << 40))
                    .totalBuyQuantity(random.nextLong(0, 1L << 30)).totalSellQuantity(random.nextLong(0, 1L << 30))
                    .open(random.nextLong(0, 100_000_000)).high(random.nextLong(0, 100_000_000))
                    .low(random.nextLong(0, 100_000_000)).close(random.nextLong(0, 100_000_000))
                    .change(random.nextLong(-10_000_000, 10_000_000))
                    .lastTradeTime(random.nextInt(4) == 0 ? 0 : random.nextLong(1, 4_102_444_800_000L))
                    .exchangeTimestamp(random.nextInt(4) == 0 ? 0 : random.nextLong(1, 4_102_444_800_000L))
                    .receiveTimestamp(random.nextLong(1, 4_102_444_800_000L))
                    .openInterest(random.nextLong(0, 1L << 32)).openInterestDayHigh(random.nextLong(0, 1L << 32))
                    .openInterestDayLow(random.nextLong(0, 1L << 32));
            if (random.nextInt(4) != 0) {
                b.depth(book.build());
            }
            Tick t = b.build().withIngestSequence(random.nextLong(0, Long.MAX_VALUE));

            assertThat(new String(Messages.kiteTickJson(t), StandardCharsets.UTF_8)).as("%s", t)
                    .isEqualTo(Tree.json(Messages.kiteTick(t)));
            for (InstrumentClass c : InstrumentClass.values()) {
                assertThat(new String(Messages.tickDtoJson(t, c), StandardCharsets.UTF_8)).as("%s %s", c, t)
                        .isEqualTo(Tree.json(Messages.tickDto(t, c)));
            }
        }
    }
}
