package io.tickengine.cache.redis;

import static io.tickengine.cache.redis.Ticks.T0;
import static io.tickengine.cache.redis.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.StreamMessage;
import io.tickengine.cache.redis.internal.Pipeline;
import io.tickengine.core.Tick;
import io.tickengine.core.codec.MalformedTickFrameException;
import io.tickengine.core.time.ManualClock;
import io.tickengine.testkit.RedisKeyspace;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisTickSinkIT {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    private static final LocalDate DAY = LocalDate.of(2025, 12, 8);

    private final ManualClock clock = new ManualClock(T0 + 3_600_000);
    private RedisCache cache;
    private RedisTickSink sink;

    @BeforeEach
    void open() {
        cache = RedisCache.create(RedisCacheOptions.builder().uri(redis.url()).keyPrefix(redis.prefix()).clock(clock)
                .build());
        sink = cache.tickSink();
    }

    @AfterEach
    void close() {
        sink.close();
        cache.close();
    }

    private String key(String symbol) {
        return cache.keys().tickHistory(DAY, symbol);
    }

    @Test
    void shouldStoreHistoryAsAStreamWithIdsFromTickTimeAndTheTtlSetWhenTheKeyIsCreated() throws Exception {
        sink.onBatch(List.of(tick(1, "INFY", T0, 157_370, 1), tick(1, "INFY", T0 + 250, 157_375, 2)));

        assertThat(redis.commands().type(key("INFY"))).isEqualTo("stream");
        assertThat(redis.commands().xrange(key("INFY"), io.lettuce.core.Range.unbounded()))
                .extracting(StreamMessage::getId).containsExactly(T0 + "-1", (T0 + 250) + "-2");
        assertThat(redis.commands().ttl(key("INFY"))).isBetween(Duration.ofDays(2).toSeconds() - 60,
                Duration.ofDays(2).toSeconds());

        redis.commands().expire(key("INFY"), 100);
        sink.onBatch(List.of(tick(1, "INFY", T0 + 500, 157_380, 3)));

        assertThat(redis.commands().ttl(key("INFY"))).isBetween(1L, 100L);
        assertThat(cache.reader().ticksOn("INFY", DAY)).extracting(Tick::lastPrice)
                .containsExactly(157_370L, 157_375L, 157_380L);
    }

    @Test
    void shouldKeepTicksSharingAMillisecondAndFileOutOfOrderTicksAfterTheLast() throws Exception {
        List<Tick> sent = List.of(tick(1, "INFY", T0, 100, 1), tick(1, "INFY", T0, 101, 2),
                tick(1, "INFY", T0, 102, 3), tick(1, "INFY", T0 - 5_000, 99, 4));

        sink.onBatch(sent);

        assertThat(redis.commands().xrange(key("INFY"), io.lettuce.core.Range.unbounded()))
                .extracting(StreamMessage::getId).containsExactly(T0 + "-1", T0 + "-2", T0 + "-3", T0 + "-4");
        assertThat(cache.reader().ticksToday("INFY")).containsExactlyElementsOf(sent);
    }

    @Test
    void shouldAnswerTheLastMinutesFromTheStreamByTime() throws Exception {
        List<Tick> hour = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            hour.add(tick(1, "INFY", T0 + i * 60_000L, 100 + i, i + 1));
        }
        sink.onBatch(hour);
        clock.set(T0 + 59 * 60_000L + 30_000);

        List<Tick> lastTen = cache.reader().ticksSince("INFY", Duration.ofMinutes(10));

        assertThat(lastTen).containsExactlyElementsOf(hour.subList(50, 60));
        assertThat(cache.reader().ticksToday("INFY")).hasSize(60);
        assertThat(cache.reader().ticksSince("NOPE", Duration.ofMinutes(10))).isEmpty();
    }

    @Test
    void shouldKeepTheLatestTickPerInstrumentWithATtl() throws Exception {
        sink.onBatch(List.of(tick(1, "INFY", T0, 100, 1), tick(2, "TCS", T0, 200, 2), tick(1, "INFY", T0 + 1, 101, 3)));
        sink.flush();

        assertThat(cache.reader().latest(1)).isEqualTo(tick(1, "INFY", T0 + 1, 101, 3));
        assertThat(cache.reader().latest(List.of(2L, 3L, 1L))).extracting(Tick::lastPrice).containsExactly(200L, 101L);
        assertThat(cache.reader().latest(3)).isNull();
        assertThat(redis.commands().pttl(cache.keys().latestTick(1))).isBetween(Duration.ofHours(23).toMillis(),
                Duration.ofDays(1).toMillis());
    }

    @Test
    void shouldReadWhatTheCacheDidNotWriteAsARedisCacheFailure() throws Exception {
        sink.onBatch(List.of(tick(1, "INFY", T0, 100, 1)));
        redis.commands().set(cache.keys().latestTick(2), "\u0009\u0009");
        redis.commands().xadd(key("INFY"), Map.of(RedisTickSink.STREAM_FIELD, "\u0001\u0005"));
        redis.commands().xadd(key("TCS"), Map.of("other", "x"));

        assertThatThrownBy(() -> cache.reader().latest(2)).isInstanceOf(RedisCacheException.class)
                .hasCauseInstanceOf(MalformedTickFrameException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> cache.reader().latest(List.of(1L, 2L))).isInstanceOf(RedisCacheException.class)
                .hasMessageContaining(cache.keys().latestTick(2));
        assertThatThrownBy(() -> cache.reader().ticksOn("INFY", DAY)).isInstanceOf(RedisCacheException.class)
                .hasCauseInstanceOf(MalformedTickFrameException.class).hasMessageContaining(key("INFY"));
        assertThatThrownBy(() -> cache.reader().ticksOn("TCS", DAY)).isInstanceOf(RedisCacheException.class)
                .hasMessageContaining("has no field d");
    }

    @Test
    void shouldConflateLatestTicksAndWriteThemOnceTheIntervalHasPassed() throws Exception {
        sink.onBatch(List.of(tick(1, "INFY", T0, 100, 1)));
        clock.advance(60);
        sink.onBatch(List.of(tick(1, "INFY", T0 + 1, 101, 2), tick(2, "TCS", T0, 200, 3)));
        sink.onTimer(clock.millis());
        assertThat(cache.reader().latest(1)).isNull();

        clock.advance(40);
        sink.onTimer(clock.millis());

        assertThat(cache.reader().latest(List.of(1L, 2L))).extracting(Tick::lastPrice).containsExactly(101L, 200L);
        sink.onBatch(List.of(tick(1, "INFY", T0 + 2, 102, 4)));
        assertThat(cache.reader().latest(1).lastPrice()).isEqualTo(101);
    }

    @Test
    void shouldCountEntriesRefusedBecauseTheStreamIsAheadInsteadOfFailing() throws Exception {
        sink.onBatch(List.of(tick(1, "INFY", T0 + 10_000, 100, 50)));
        RedisTickSink restarted = cache.tickSink();
        try {
            restarted.onBatch(List.of(tick(1, "INFY", T0, 101, 1), tick(1, "INFY", T0 + 20_000, 102, 2)));

            assertThat(restarted.stats().staleIdsRefused()).isEqualTo(1);
            assertThat(restarted.stats().failures()).isZero();
            assertThat(cache.reader().ticksToday("INFY")).extracting(Tick::lastPrice).containsExactly(100L, 102L);
        } finally {
            restarted.close();
        }
    }

    @Test
    void shouldUseTheTokenWhenATickHasNoSymbolAndWriteOnlyThePartsThatAreOn() throws Exception {
        RedisCache other = RedisCache.create(cache.options().mutate().parts(java.util.Set.of(CachePart.LATEST_TICK))
                .build());
        RedisTickSink latestOnly = other.tickSink();
        Tick anonymous = tick(7, null, T0, 100, 1);

        sink.onBatch(List.of(anonymous));
        latestOnly.onBatch(List.of(tick(8, "X", T0, 100, 1)));
        latestOnly.flush();
        latestOnly.close();
        other.close();

        assertThat(cache.reader().ticksOn("7", DAY)).containsExactly(anonymous);
        assertThat(redis.commands().exists(key("X"))).isZero();
        assertThat(cache.reader().latest(8)).isNotNull();
        assertThat(sink.stats().ticksWritten()).isEqualTo(1);
        assertThat(sink.stats().degraded()).isFalse();
    }

    @Test
    void shouldFailTheBatchWhenRedisRefusesAnEntryAndWriteItWhenRetried() throws Exception {
        redis.commands().set(key("TCS"), "not a stream");
        List<Tick> batch = List.of(tick(1, "INFY", T0, 100, 1), tick(2, "TCS", T0, 200, 2), tick(1, "INFY", T0 + 1, 101, 3));

        assertThatThrownBy(() -> sink.onBatch(batch)).isInstanceOf(RedisWriteFailedException.class)
                .hasMessageContaining("1 of").hasMessageContaining("WRONGTYPE");
        assertThat(sink.stats().failures()).isEqualTo(1);
        assertThat(sink.stats().degraded()).isTrue();

        redis.commands().del(key("TCS"));
        sink.onBatch(batch);

        assertThat(cache.reader().ticksOn("INFY", DAY)).extracting(Tick::lastPrice).containsExactly(100L, 101L);
        assertThat(cache.reader().ticksOn("TCS", DAY)).extracting(Tick::lastPrice).containsExactly(200L);
        assertThat(sink.stats().staleIdsRefused()).isEqualTo(2);
        assertThat(sink.stats().degraded()).isFalse();
    }

    @Test
    void shouldFailABatchWrittenInSeveralRunsWhenItsFirstRunFailsAndCompleteItExactlyOnceWhenRetried()
            throws Exception {
        redis.commands().set(key("TCS"), "not a stream");
        List<Tick> batch = new ArrayList<>();
        batch.add(tick(2, "TCS", T0, 200, 1));
        int infy = 3 * Pipeline.DISPATCH_COMMANDS;
        for (int i = 0; i < infy; i++) {
            batch.add(tick(1, "INFY", T0 + i, 100 + i, i + 2));
        }

        assertThatThrownBy(() -> sink.onBatch(batch)).isInstanceOf(RedisWriteFailedException.class)
                .hasMessageContaining("1 of").hasMessageContaining("WRONGTYPE");
        // The later runs went out while the first one's replies were outstanding, and were applied.
        assertThat(redis.commands().xlen(key("INFY"))).isEqualTo(infy);

        redis.commands().del(key("TCS"));
        sink.onBatch(batch);

        assertThat(cache.reader().ticksOn("INFY", DAY)).containsExactlyElementsOf(batch.subList(1, batch.size()));
        assertThat(cache.reader().ticksOn("TCS", DAY)).containsExactly(batch.get(0));
        assertThat(sink.stats().staleIdsRefused()).isEqualTo(infy);
        assertThat(sink.stats().ticksWritten()).isEqualTo(batch.size());
        assertThat(sink.stats().degraded()).isFalse();
    }

    @Test
    void shouldStoreTicksWhoseSequencesArriveOutOfOrderFromTwoSourceThreads() throws Exception {
        // Two connections feeding one instrument stamp sequences on their own threads: 18 can reach the sink before 16.
        Tick later = tick(1, "INFY", T0 + 10, 101, 18);
        Tick earlier = tick(1, "INFY", T0 + 5, 100, 16);
        Tick sameBatch = tick(1, "INFY", T0 + 12, 102, 17);

        sink.onBatch(List.of(later));
        sink.onBatch(List.of(earlier, tick(1, "INFY", T0 + 20, 103, 20), sameBatch));

        assertThat(cache.reader().ticksOn("INFY", DAY)).extracting(Tick::ingestSequence)
                .containsExactly(18L, 16L, 20L, 17L);
        assertThat(sink.stats().ticksWritten()).isEqualTo(4);
        assertThat(sink.stats().staleIdsRefused()).isZero();
    }

    @Test
    void shouldStoreOutOfOrderSequencesInTheLegacyListLayoutToo() throws Exception {
        RedisCache legacy = RedisCache.create(cache.options().mutate().keyPrefix(redis.prefix() + "legacy:")
                .legacyTickList(true).build());
        RedisTickSink legacySink = legacy.tickSink();
        try {
            legacySink.onBatch(List.of(tick(1, "INFY", T0 + 10, 101, 18)));
            legacySink.onBatch(List.of(tick(1, "INFY", T0 + 5, 100, 16)));

            assertThat(legacy.reader().ticksOn("INFY", DAY)).extracting(Tick::lastPrice).containsExactly(101L, 100L);
        } finally {
            legacySink.close();
            legacy.close();
        }
    }

    @Test
    void shouldLeaveTheCachesOtherConnectionsWorkingWhenASinkIsClosedAndReplaced() throws Exception {
        sink.onBatch(List.of(tick(1, "INFY", T0, 100, 1)));
        sink.close();

        sink = cache.tickSink();
        sink.onBatch(List.of(tick(1, "INFY", T0 + 1, 101, 2)));

        assertThat(cache.ping()).isTrue();
        assertThat(cache.reader().ticksOn("INFY", DAY)).extracting(Tick::lastPrice).containsExactly(100L, 101L);
    }
}
