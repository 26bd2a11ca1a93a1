package io.tickengine.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static String instant(long epochMillis) {
        StringBuilder b = new StringBuilder();
        Json.instant(b, epochMillis);
        return b.toString();
    }

    @Test
    void shouldWriteInstantsExactlyAsInstantDoes() {
        long[] edges = {0, 1, -1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000L /* 2000-02-29 */,
            4_107_542_400_000L /* 2100-03-01 */, -2_203_891_200_000L /* 1900-02-28 */,
            253_402_300_799_999L /* 9999-12-31T23:59:59.999Z */, 253_402_300_800_000L /* year 10000 */,
            -62_167_219_200_000L /* 0000-01-01 */, -62_167_219_200_001L /* year -1 */, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long e : edges) {
            assertThat(instant(e)).as("%d", e).isEqualTo(Instant.ofEpochMilli(e).toString());
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long e = random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
            if (random.nextBoolean()) {
                e -= Math.floorMod(e, 1000); // whole seconds print without a fraction
            }
            assertThat(instant(e)).as("%d", e).isEqualTo(Instant.ofEpochMilli(e).toString());
        }
    }
}
