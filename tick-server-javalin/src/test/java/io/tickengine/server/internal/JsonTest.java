package io.tickengine.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

class JsonTest {
    private static String instant(long epochMillis) {
        StringBuilder b = new StringBuilder();
        Json.instant(b, epochMillis);
        return b.toString();
    }

    @Test
    void shouldAlwaysWriteThreeFractionDigitsAsTheSeedsShow() {
        // 2025-11-04T06:10:00Z, seed 004's "connected" example: Instant.toString() would drop the ".000".
        assertThat(instant(1_762_236_600_000L)).isEqualTo("2025-11-04T06:10:00.000Z");
        assertThat(instant(1_762_236_605_120L)).isEqualTo("2025-11-04T06:10:05.120Z");
        assertThat(instant(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(instant(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void shouldWriteInstantsExactlyAsTheMillisecondFormatterDoes() {
        long[] edges = {0, 1, -1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000L /* 2000-02-29 */,
            4_107_542_400_000L /* 2100-03-01 */, -2_203_891_200_000L /* 1900-02-28 */,
            253_402_300_799_999L /* 9999-12-31T23:59:59.999Z */, 253_402_300_800_000L /* year 10000 */,
            -62_167_219_200_000L /* 0000-01-01 */, -62_167_219_200_001L /* year -1 */, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long e : edges) {
            assertThat(instant(e)).as("%d", e).isEqualTo(Json.INSTANT_MILLIS.format(Instant.ofEpochMilli(e)));
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long e = random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
            if (random.nextBoolean()) {
                e -= Math.floorMod(e, 1000); // whole seconds keep their ".000"
            }
            assertThat(instant(e)).as("%d", e).isEqualTo(Json.INSTANT_MILLIS.format(Instant.ofEpochMilli(e)))
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        }
    }

    @Test
    void shouldWriteTreeInstantsInTheSameFormatInJsonAndMessagePack() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("timestamp", Instant.ofEpochMilli(1_762_236_600_000L));
        tree.put("finer", Instant.ofEpochSecond(1_762_236_600L, 123_456_789));
        tree.put("far", Instant.MAX);
        String far = Json.INSTANT_MILLIS.format(Instant.MAX);
        assertThat(Tree.json(tree)).isEqualTo("{\"timestamp\":\"2025-11-04T06:10:00.000Z\","
                + "\"finer\":\"2025-11-04T06:10:00.123Z\",\"far\":\"" + far + "\"}");
        List<String> packed = new java.util.ArrayList<>();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(Tree.msgpackBytes(tree))) {
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                u.unpackString();
                packed.add(u.unpackString());
            }
        }
        assertThat(packed).containsExactly("2025-11-04T06:10:00.000Z", "2025-11-04T06:10:00.123Z", far);
    }
}
