package io.tickengine.server.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared default-format frames: one encoding per tick, never another tick's frame. */
class FrameCacheTest {
    static Tick tick(long sequence, long price) {
        return Tick.builder().instrumentToken(408_065).mode(TickMode.LTP).priceScale(2).lastPrice(price).build()
                .withIngestSequence(sequence);
    }

    @Test
    void shouldEncodeATickOnceForEveryClient() {
        FrameCache cache = new FrameCache(16);
        AtomicInteger encodings = new AtomicInteger();
        Tick t = tick(7, 150_005);
        for (int client = 0; client < 1000; client++) {
            assertThat(cache.frame(t, x -> "frame-" + encodings.incrementAndGet())).isEqualTo("frame-1");
        }
        assertThat(encodings).hasValue(1);
    }

    @Test
    void shouldNeverServeAnotherTicksFrameOnACollision() {
        FrameCache cache = new FrameCache(16);
        Tick a = tick(1, 100);
        Tick b = tick(17, 200); // same slot as a
        Tick sameSequenceOtherTick = tick(1, 300);
        assertThat(cache.frame(a, x -> "a")).isEqualTo("a");
        assertThat(cache.frame(b, x -> "b")).isEqualTo("b");
        assertThat(cache.frame(a, x -> "a again")).isEqualTo("a again");
        assertThat(cache.frame(sameSequenceOtherTick, x -> "c")).isEqualTo("c");
    }
}
