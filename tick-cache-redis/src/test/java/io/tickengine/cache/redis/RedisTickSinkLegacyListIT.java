package io.tickengine.cache.redis;

import static io.tickengine.cache.redis.Ticks.T0;
import static io.tickengine.cache.redis.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickengine.cache.redis.internal.Pipeline;
import io.tickengine.core.Tick;
import io.tickengine.testkit.RedisKeyspace;
import io.tickengine.testkit.RedisServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The legacy List layout has no IDs to refuse a repeated entry, so a batch is one MULTI/EXEC and a
 * failed batch closes its connection: a batch that timed out is not applied behind the retry's back.
 * Runs on a redis-server of its own, paused. Not covered, and documented on {@link RedisTickSink}:
 * an EXEC that ran but whose reply was lost, and a transaction Redis had not read yet when the
 * connection closed; both are appended again by the retry.
 */
class RedisTickSinkLegacyListIT {
    @RegisterExtension
    static RedisKeyspace keyspace = new RedisKeyspace();

    private static final LocalDate DAY = LocalDate.of(2025, 12, 8);

    private RedisServer server;
    private RedisCache cache;
    private RedisTickSink sink;

    @BeforeEach
    void open() throws Exception {
        Assumptions.assumeTrue(RedisServer.available(), "needs a redis-server binary on the PATH");
        server = RedisServer.startOnSparePort();
        cache = RedisCache.create(RedisCacheOptions.builder().uri(server.url()).keyPrefix(keyspace.prefix())
                .legacyTickList(true).parts(Set.of(CachePart.TICK_HISTORY)).commandTimeout(Duration.ofMillis(300))
                .build());
        sink = cache.tickSink();
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            sink.close();
            cache.close();
            server.stop();
        }
    }

    @Test
    void shouldAppendABatchRetriedAfterATimeoutExactlyOnce() throws Exception {
        sink.onBatch(List.of(tick(1, "INFY", T0, 100, 1)));
        List<Tick> batch = List.of(tick(1, "INFY", T0 + 1, 101, 2), tick(2, "TCS", T0 + 1, 200, 3),
                tick(1, "INFY", T0 + 2, 102, 4));

        assertThat(server.command("CLIENT PAUSE 1500 ALL")).isEqualTo("+OK");
        assertThatThrownBy(() -> sink.onBatch(batch)).isInstanceOf(RedisTimeoutException.class);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(cache::ping);
        sink.onBatch(batch);

        assertThat(cache.reader().ticksOn("INFY", DAY)).extracting(Tick::lastPrice).containsExactly(100L, 101L, 102L);
        assertThat(cache.reader().ticksOn("TCS", DAY)).extracting(Tick::lastPrice).containsExactly(200L);
        assertThat(sink.stats().failures()).isEqualTo(1);
        assertThat(sink.stats().degraded()).isFalse();
    }

    @Test
    void shouldApplyATransactionLongerThanOneDispatchWholeAndExactlyOnceAfterATimeout() throws Exception {
        // An RPUSH and an EXPIRE per symbol: the transaction is more than two runs of commands long.
        int symbols = Pipeline.DISPATCH_COMMANDS + 1;
        sink.onBatch(List.of(tick(1, "S0", T0 - 1, 99, 1))); // connects before the pause
        List<Tick> batch = new ArrayList<>();
        for (int i = 0; i < symbols; i++) {
            batch.add(tick(i + 1, "S" + i, T0, 100 + i, i + 2));
            batch.add(tick(i + 1, "S" + i, T0 + 1, 200 + i, symbols + i + 2));
        }

        assertThat(server.command("CLIENT PAUSE 1500 ALL")).isEqualTo("+OK");
        assertThatThrownBy(() -> sink.onBatch(batch)).isInstanceOf(RedisTimeoutException.class);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(cache::ping);
        sink.onBatch(batch);

        assertThat(cache.reader().ticksOn("S0", DAY)).extracting(Tick::lastPrice).containsExactly(99L, 100L, 200L);
        for (int i = 1; i < symbols; i++) {
            assertThat(cache.reader().ticksOn("S" + i, DAY)).extracting(Tick::lastPrice)
                    .containsExactly(100L + i, 200L + i);
        }
        assertThat(sink.stats().failures()).isEqualTo(1);
    }

    @Test
    void shouldFailTheBatchWhenRedisRefusesAListWriteInsideTheTransaction() throws Exception {
        sink.onBatch(List.of(tick(1, "INFY", T0, 100, 1)));
        String tcs = cache.keys().tickHistory(DAY, "TCS");
        assertThat(server.command("SET " + tcs + " x")).isEqualTo("+OK");
        List<Tick> batch = List.of(tick(2, "TCS", T0 + 1, 200, 2));

        assertThatThrownBy(() -> sink.onBatch(batch)).isInstanceOf(RedisWriteFailedException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThat(server.command("DEL " + tcs)).isEqualTo(":1");
        sink.onBatch(batch);

        assertThat(cache.reader().ticksOn("TCS", DAY)).extracting(Tick::lastPrice).containsExactly(200L);
        assertThat(cache.reader().ticksOn("INFY", DAY)).extracting(Tick::lastPrice).containsExactly(100L);
    }
}
