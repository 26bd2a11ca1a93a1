package io.tickengine.cache.redis;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;

/** Tick factories for the Redis cache tests. */
final class Ticks {
    /** 2025-12-08 10:00:00 IST. */
    static final long T0 = 1_765_168_200_000L;

    private Ticks() {
    }

    static Tick tick(long token, String symbol, long eventTime, long lastPrice, long ingestSequence) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol(symbol).tradable(true)
                .mode(TickMode.QUOTE).priceScale(2).lastPrice(lastPrice).volume(1000 + ingestSequence)
                .open(lastPrice - 100).high(lastPrice + 100).low(lastPrice - 200).close(lastPrice - 50)
                .exchangeTimestamp(eventTime).receiveTimestamp(eventTime + 3).build().withIngestSequence(ingestSequence);
    }
}
