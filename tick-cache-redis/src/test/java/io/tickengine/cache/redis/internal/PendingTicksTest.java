package io.tickengine.cache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.codec.TickCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingTicksTest {
    private static Tick tick(long token, long price, long seq) {
        return Tick.builder().instrumentToken(token).mode(TickMode.QUOTE).priceScale(2).lastPrice(price)
                .exchangeTimestamp(1_732_000_000_000L + seq).build().withIngestSequence(seq);
    }

    private static List<byte[]> frames(List<Tick> ticks) {
        List<byte[]> out = new ArrayList<>();
        for (Tick t : ticks) {
            out.add(TickCodec.encode(t));
        }
        return out;
    }

    @Test
    void shouldJoinEachInstrumentsHeldAndNewTicksIntoOneFrameInOrder() {
        PendingTicks pending = PendingTicks.everyTick();
        List<Tick> held = List.of(tick(7, 100, 1), tick(3, 200, 2), tick(7, 101, 3));
        List<Tick> more = List.of(tick(3, 201, 4), tick(9, 300, 5), tick(7, 102, 6));
        pending.add(held, frames(held), 0);
        Map<Long, byte[]> groups = new LinkedHashMap<>();

        pending.forEachGroup(more, frames(more), groups::put);

        assertThat(groups.keySet()).containsExactly(7L, 3L, 9L);
        assertThat(groups.get(7L)).isEqualTo(TickCodec.encode(List.of(held.get(0), held.get(2), more.get(2))));
        assertThat(groups.get(3L)).isEqualTo(TickCodec.encode(List.of(held.get(1), more.get(0))));
        assertThat(groups.get(9L)).isEqualTo(TickCodec.encode(more.get(1)));
        assertThat(pending.size()).isEqualTo(3);
    }
}
