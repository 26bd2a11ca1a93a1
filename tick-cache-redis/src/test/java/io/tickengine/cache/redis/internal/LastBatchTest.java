package io.tickengine.cache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LastBatchTest {
    private final LastBatch last = new LastBatch();

    private static Tick tick(long token, long seq) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol("S" + token).tradable(true)
                .mode(TickMode.LTP).priceScale(2).lastPrice(100).exchangeTimestamp(1_000).receiveTimestamp(1_001)
                .build().withIngestSequence(seq);
    }

    @Test
    void shouldKnowTheSameTickInstancesDeliveredAgainInAReusedList() {
        Tick a = tick(1, 18);
        Tick b = tick(1, 19);
        List<Tick> reused = new ArrayList<>(List.of(a, b));

        assertThat(last.redelivered(reused)).isFalse();
        last.markWritten();
        assertThat(last.redelivered(reused)).isTrue();
        assertThat(last.written()).isTrue();
        assertThat(last.published()).isFalse();
    }

    @Test
    void shouldTakeEqualTicksOrALowerSequenceInANewBatchAsNewTicks() {
        Tick a = tick(1, 18);
        last.redelivered(List.of(a));
        last.markWritten();
        last.markPublished();

        assertThat(last.redelivered(List.of(tick(1, 18)))).as("an equal value, another instance").isFalse();
        assertThat(last.written()).isFalse();
        assertThat(last.published()).isFalse();
        assertThat(last.redelivered(List.of(tick(1, 16)))).as("a lower sequence of the same instrument").isFalse();
    }

    @Test
    void shouldCompareOrderAndSizeAfterALongerBatch() {
        Tick a = tick(1, 1);
        Tick b = tick(2, 2);
        Tick c = tick(3, 3);
        last.redelivered(List.of(a, b, c));

        assertThat(last.redelivered(List.of(a, b))).isFalse();
        assertThat(last.redelivered(List.of(b, a))).isFalse();
        assertThat(last.redelivered(List.of(b, a))).isTrue();
    }
}
