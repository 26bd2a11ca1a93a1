package io.tickengine.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushTickSourceTest {
    private final List<Tick> ticks = new ArrayList<>();
    private final List<SourceState> states = new ArrayList<>();
    private final TickListener listener = new TickListener() {
        @Override
        public void onTick(Tick tick) {
            ticks.add(tick);
        }

        @Override
        public void onStatus(SourceStatus status) {
            states.add(status.state());
        }
    };

    @Test
    void shouldDeliverPublishedTicksAndFramesInOrder() {
        PushTickSource source = PushTickSource.create("replay", new ManualClock(42));
        source.start(listener);
        source.publish(tick(1));
        source.publishAll(List.of(tick(2), tick(3)));

        assertThat(ticks).extracting(Tick::lastPrice).containsExactly(1L, 2L, 3L);
        assertThat(source.status().state()).isEqualTo(SourceState.CONNECTED);
        assertThat(source.status().sinceMillis()).isEqualTo(42);
    }

    @Test
    void shouldRefuseTicksBeforeStartAndAfterCloseRatherThanLoseThem() {
        PushTickSource source = PushTickSource.create("replay");
        assertThatThrownBy(() -> source.publish(tick(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        source.start(listener);
        source.close();

        assertThatThrownBy(() -> source.publishAll(List.of(tick(2)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(source.isClosed()).isTrue();
        assertThat(states).containsExactly(SourceState.CONNECTED, SourceState.STOPPED);
        assertThat(ticks).isEmpty();
        assertThatThrownBy(() -> source.start(listener)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldKeepWhatConsumersSubscribedToWithTheirModes() {
        PushTickSource source = PushTickSource.create("replay");
        source.subscribe(List.of(1L, 2L), TickMode.FULL);
        source.subscribe(List.of(2L), TickMode.LTP);
        source.unsubscribe(List.of(1L, 9L));

        assertThat(source.subscriptions()).isEqualTo(Map.of(2L, TickMode.LTP));
    }

    private static Tick tick(long price) {
        return Tick.builder().instrumentToken(7).mode(TickMode.LTP).lastPrice(price).receiveTimestamp(1).build();
    }
}
