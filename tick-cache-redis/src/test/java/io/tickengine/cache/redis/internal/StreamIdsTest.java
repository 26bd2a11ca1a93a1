package io.tickengine.cache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamIdsTest {
    private final StreamIds ids = new StreamIds();

    private String next(String key, long ms, long seq) {
        ids.assign(key, ms, seq);
        return ids.ms() + "-" + ids.seq();
    }

    @Test
    void shouldWriteTheAssignedIdAsAscii() {
        ids.begin();
        for (long[] msSeq : new long[][] {{0, 0}, {7, 3}, {1_765_168_200_000L, 1_000_000}, {999, 10},
                {Long.MAX_VALUE, Long.MAX_VALUE}}) {
            ids.assign("k" + msSeq[0], msSeq[0], msSeq[1]);

            assertThat(new String(ids.idBytes(), StandardCharsets.US_ASCII)).isEqualTo(ids.ms() + "-" + ids.seq());
        }
        assertThat(new String(ids.idBytes(), StandardCharsets.US_ASCII))
                .isEqualTo(Long.MAX_VALUE + "-" + Long.MAX_VALUE);
    }

    @Test
    void shouldUseTheTimeAndThePreferredSequence() {
        ids.begin();
        assertThat(next("a", 1000, 7)).isEqualTo("1000-7");
        assertThat(next("a", 1001, 8)).isEqualTo("1001-8");
        assertThat(next("b", 5, 0)).isEqualTo("5-0");
        assertThat(next("c", 0, 0)).isEqualTo("0-1");
    }

    @Test
    void shouldKeepTicksOfTheSameMillisecondAndFileLateOnesAfterTheLast() {
        ids.begin();
        assertThat(next("a", 1000, 0)).isEqualTo("1000-0");
        assertThat(next("a", 1000, 0)).isEqualTo("1000-1");
        assertThat(next("a", 1000, 9)).isEqualTo("1000-9");
        assertThat(next("a", 999, 3)).isEqualTo("1000-10");
        assertThat(next("a", 1002, 4)).isEqualTo("1002-4");
    }

    @Test
    void shouldAssignTheSameIdsAgainWhenABatchIsRetried() {
        ids.begin();
        next("a", 1000, 1);
        ids.commit();

        ids.begin();
        String first = next("a", 900, 2) + "," + next("a", 1100, 3);
        ids.begin();
        String retried = next("a", 900, 2) + "," + next("a", 1100, 3);
        ids.commit();

        assertThat(retried).isEqualTo(first).isEqualTo("1000-2,1100-3");
        ids.begin();
        assertThat(next("a", 1100, 0)).isEqualTo("1100-4");
        assertThat(ids.keys()).isEqualTo(1);
    }
}
