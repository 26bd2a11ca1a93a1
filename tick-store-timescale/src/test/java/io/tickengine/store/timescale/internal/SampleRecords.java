package io.tickengine.store.timescale.internal;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;

/** Ticks and candles with every field set, for codec and spill tests. */
final class SampleRecords {
    static final long T0 = 1_731_988_800_000L;

    private SampleRecords() {
    }

    static Tick fullTick(long sequence) {
        Depth depth = Depth.builder(5).bid(157_365, 10, 1).bid(157_360, 20, 2).ask(157_375, 30, 3).build();
        return Tick.builder().instrumentToken(408_065).exchange(Exchange.NSE).tradingSymbol("INFY").tradable(true)
                .mode(TickMode.FULL).priceScale(2).lastPrice(157_370 + sequence).lastQuantity(5).averagePrice(157_369)
                .volume(1_000_000 + sequence).totalBuyQuantity(100).totalSellQuantity(200).open(157_300)
                .high(157_500).low(157_200).close(157_000).lastTradeTime(T0).exchangeTimestamp(T0)
                .receiveTimestamp(T0 + 20 + sequence).feedSequence(77).openInterest(9).openInterestDayHigh(12)
                .openInterestDayLow(3).openInterestChangePercent(-1.25).upperCircuit(173_000).lowerCircuit(141_000)
                .week52High(199_999).week52Low(120_001).depth(depth).rawPacket(new byte[]{0, 6, 58, 1, (byte) 0xFF})
                .build().withIngestSequence(sequence);
    }

    static Tick bareTick(long sequence) {
        return Tick.builder().instrumentToken(256_265).mode(TickMode.LTP).priceScale(7).lastPrice(-834_512_345L)
                .change(42).receiveTimestamp(T0 + sequence).build().withIngestSequence(sequence);
    }

    static Candle candle(int revision) {
        return new Candle(408_065, Exchange.NSE, CandleInterval.M1, T0, 2, 157_370, 157_390, 157_360, 157_385, 130,
                5, revision);
    }

    static Candle candleWithoutExchange() {
        return new Candle(2_953_475, null, CandleInterval.S1, T0, 7, 834_512_345, 834_512_999, 834_500_000,
                834_512_500, 10, 2, 0);
    }
}
