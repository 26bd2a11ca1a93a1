package io.tickengine.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;
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
}
