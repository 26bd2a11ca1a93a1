package io.tickengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

    @Test
    void shouldFindWhatWasPutAndNothingElse() {
        LongObjectMap<String> map = new LongObjectMap<>(4);
        map.put(0, "zero");
        map.put(-1, "minus one");
        map.put(Long.MIN_VALUE, "min");
        map.put(256_265, "nifty");
        map.put(256_265, "nifty 50");

        assertThat(map.get(0)).isEqualTo("zero");
        assertThat(map.get(-1)).isEqualTo("minus one");
        assertThat(map.get(Long.MIN_VALUE)).isEqualTo("min");
        assertThat(map.get(256_265)).isEqualTo("nifty 50");
        assertThat(map.get(1)).isNull();
        assertThat(map.size()).isEqualTo(4);
    }

    @Test
    void shouldKeepEveryEntryWhileGrowing() {
        LongObjectMap<Long> map = new LongObjectMap<>(2);
        Map<Long, Long> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            long key = (random.nextLong(100_000) << 8) | random.nextInt(4);
            map.put(key, (long) i);
            expected.put(key, (long) i);
        }

        assertThat(map.size()).isEqualTo(expected.size());
        expected.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        int seen = 0;
        for (int slot = 0; slot < map.capacity(); slot++) {
            if (map.valueAt(slot) != null) {
                seen++;
            }
        }
        assertThat(seen).isEqualTo(expected.size());
    }

    @Test
    void shouldRejectNullValue() {
        assertThatThrownBy(() -> new LongObjectMap<String>(4).put(1, null)).isInstanceOf(NullPointerException.class);
    }
}
