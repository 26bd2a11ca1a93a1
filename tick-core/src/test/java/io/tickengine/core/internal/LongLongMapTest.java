package io.tickengine.core.internal;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LongLongMapTest {
    @Test
    void shouldKeepTheLastValueOfEveryKeyAcrossGrowth() {
        LongLongMap map = new LongLongMap(4);
        Map<Long, Long> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            long key = random.nextInt(3) == 0 ? random.nextLong(-5, 5) : random.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE);
            map.put(key, i);
            expected.put(key, (long) i);
        }
        assertThat(map.size()).isEqualTo(expected.size());
        expected.forEach((k, v) -> assertThat(map.get(k, -1)).as("%d", k).isEqualTo(v));
        assertThat(map.get(123_456_789L, -1)).isEqualTo(-1);
        assertThat(java.util.Arrays.stream(map.keys()).boxed().toList()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(expected.keySet().iterator().next(), -1)).isEqualTo(-1);
        map.put(42, 1);
        assertThat(map.get(42, -1)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> map.put(Long.MIN_VALUE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
