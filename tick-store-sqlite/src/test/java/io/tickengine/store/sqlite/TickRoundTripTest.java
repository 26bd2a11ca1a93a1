package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.store.TimeRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every field of a tick comes back equal, including absent ones and twenty-level depth. */
class TickRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void shouldReturnTicksEqualToThoseWritten() throws Exception {
        Depth.Builder depth20 = Depth.builder(20);
        for (int i = 0; i < 20; i++) {
            depth20.bid(99_000 - i, 10L * i, i).ask(99_100 + i, Long.MAX_VALUE - i, Integer.MAX_VALUE - i);
        }
        Tick full = Tick.builder().instrumentToken(35_003).exchange(Exchange.NFO).tradingSymbol("NIFTY24NOVFUT")
                .tradable(true).mode(TickMode.FULL).priceScale(2).lastPrice(2_398_765).lastQuantity(75)
                .averagePrice(2_398_000).volume(9_876_543).totalBuyQuantity(1_000).totalSellQuantity(2_000)
                .open(2_390_000).high(2_400_000).low(2_380_000).close(2_385_000).change(13_765)
                .lastTradeTime(Fixtures.T0 - 1_000).exchangeTimestamp(Fixtures.T0).receiveTimestamp(Fixtures.T0 + 3)
                .feedSequence(77).openInterest(12_345_678).openInterestDayHigh(12_400_000)
                .openInterestDayLow(12_000_000).openInterestChangePercent(-1.25).upperCircuit(2_600_000)
                .lowerCircuit(2_100_000).week52High(2_650_000).week52Low(1_900_000).depth(depth20.build())
                .rawPacket(new byte[] {1, 2, 3}).build().withIngestSequence(41);
        Tick bare = Tick.builder().instrumentToken(7).mode(TickMode.LTP).priceScale(4).lastPrice(-1)
                .receiveTimestamp(Fixtures.T0 + 1).build().withIngestSequence(42);

        try (SqliteStore store = SqliteStore.open(dir.resolve("roundtrip.db"))) {
            store.tickSink().onBatch(new ArrayList<>(List.of(full, bare)));
            store.tickSink().flush();

            List<Tick> back = store.ticks().ticks(new TimeRange(Fixtures.T0, Fixtures.T0 + 10), 10);

            assertThat(back).containsExactly(full, bare);
            assertThat(back.get(1).exchange()).isNull();
            assertThat(back.get(1).openInterestChangePercent()).isNaN();
            assertThat(back.get(1).eventTime()).isEqualTo(Fixtures.T0 + 1);
        }
    }
}
