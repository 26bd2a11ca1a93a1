package io.tickengine.core.engine;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;

/** Fixtures for engine tests. */
final class TestTicks {
    private TestTicks() {
    }

    static Tick tick(long token, long price, long receivedAt) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).mode(TickMode.QUOTE).priceScale(2)
                .lastPrice(price).receiveTimestamp(receivedAt).build();
    }
}
