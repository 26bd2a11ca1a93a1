package io.tickengine.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Depth;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestTicksTest extends TickSinkContract<LatestTicks> {
    @Override
    protected LatestTicks createSink() {
        return new LatestTicks();
    }

    @Override
    protected List<Tick> readBack(LatestTicks sink) {
        return sink.all();
    }

    @Override
    protected boolean keepsEveryTick() {
        return false;
    }

    @Test
    void shouldNotGoBackInTimeWhenAnOlderBatchIsRepeated() {
        List<Tick> ticks = ticks(1, 4);
        sink.onBatch(ticks.subList(2, 4));
        sink.onBatch(ticks.subList(0, 2));

        assertThat(sink.get(ticks.get(0).instrumentToken())).isEqualTo(ticks.get(3));
        assertThat(sink.get(List.of(ticks.get(0).instrumentToken(), 1L))).containsExactly(ticks.get(3));
        assertThat(sink.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheLastTradedPriceWhenADepthTickArrives() {
        Tick trade = ticks(1, 1).get(0);
        Tick book = trade.toBuilder().mode(TickMode.DEPTH).lastPrice(0).volume(0)
                .depth(Depth.builder(1).bid(1_00, 5, 1).ask(1_05, 6, 1).build()).build()
                .withIngestSequence(trade.ingestSequence() + 1);

        sink.onBatch(List.of(trade, book));

        assertThat(sink.get(trade.instrumentToken())).isEqualTo(trade);
        assertThat(sink.depthTicksIgnored()).isEqualTo(1);
        assertThat(sink.metrics()).containsEntry("depthTicksIgnored", 1L);
    }

    @Test
    void shouldHoldNothingForAnInstrumentWithOnlyDepthTicks() {
        Tick book = ticks(1, 1).get(0).toBuilder().mode(TickMode.DEPTH).lastPrice(0).build();

        sink.onBatch(List.of(book));

        assertThat(sink.get(book.instrumentToken())).isNull();
        assertThat(sink.size()).isZero();
    }
}
