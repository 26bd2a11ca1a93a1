package io.tickengine.cache.redis;

import static io.tickengine.cache.redis.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickengine.cache.redis.internal.Pipeline;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.CircuitState;
import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.engine.SinkStats;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.source.SourceState;
import io.tickengine.testkit.RedisKeyspace;
import io.tickengine.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis going away for real: a redis-server of the test's own on a spare port is stopped and started
 * again, or paused. The engine keeps ingesting, the other sink is unaffected, the cache sink drops and
 * says so, and everything recovers by itself.
 */
class RedisFaultIT {
    @RegisterExtension
    static RedisKeyspace keyspace = new RedisKeyspace();

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final PushTickSource feed = PushTickSource.create("feed");
    private final LatestTicks other = new LatestTicks();
    private final AtomicLong price = new AtomicLong(100_000);
    private RedisServer server;
    private RedisCache cache;
    private RedisCache edgeCache;
    private RedisTickSink sink;
    private TickEngine engine;

    @BeforeEach
    void open() throws Exception {
        Assumptions.assumeTrue(RedisServer.available(), "needs a redis-server binary on the PATH");
        server = RedisServer.startOnSparePort();
        RedisCacheOptions options = RedisCacheOptions.builder().uri(server.url()).keyPrefix(keyspace.prefix())
                .commandTimeout(Duration.ofMillis(300)).connectTimeout(Duration.ofMillis(300))
                .maxReconnectDelay(Duration.ofMillis(200)).publishMaxTicks(1).latestTickInterval(Duration.ZERO).build();
        cache = RedisCache.create(options);
        edgeCache = RedisCache.create(options);
        sink = cache.tickSink();
        SinkOptions breaker = SinkOptions.builder().failureThreshold(2).retryBackoff(Duration.ofMillis(5))
                .maxRetryBackoff(Duration.ofMillis(20)).openDuration(Duration.ofMillis(200)).build();
        engine = TickEngine.builder().source(feed).sink(sink, breaker).sink(other).build();
        engine.start();
    }

    @AfterEach
    void close() throws Exception {
        if (engine != null) {
            engine.close();
            edgeCache.close();
            cache.close();
            server.stop();
        }
    }

    private Tick emit() {
        Tick t = tick(1, "INFY", System.currentTimeMillis(), price.incrementAndGet(), 0);
        feed.publish(t);
        return t;
    }

    private SinkStats cacheStats() {
        return engine.stats().tickSinks().stream().filter(s -> s.name().equals(RedisTickSink.NAME)).findFirst()
                .orElseThrow();
    }

    private boolean cached(Tick t) {
        try {
            Tick latest = cache.reader().latest(1);
            return latest != null && latest.lastPrice() >= t.lastPrice();
        } catch (RedisCacheException e) {
            return false;
        }
    }

    @Test
    void shouldDropWhileRedisIsDownKeepTheOtherSinkGoingAndRecoverWhenItReturns() throws Exception {
        RecordingListener edge = new RecordingListener();
        RedisTickSource source = edgeCache.tickSource("edge");
        source.subscribe(List.of(1L), TickMode.QUOTE);
        source.start(edge);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> cached(emit()) && !edge.ticks.isEmpty());

        server.stop();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            emit();
            return cacheStats().dropped() > 0 && cacheStats().degraded() && sink.stats().degraded();
        });
        Tick during = emit();
        await().atMost(PATIENCE).until(() -> other.get(1) != null && other.get(1).lastPrice() == during.lastPrice());
        SinkStats latestStats = engine.stats().tickSinks().stream().filter(s -> s.name().equals("latest"))
                .findFirst().orElseThrow();
        assertThat(latestStats.dropped()).isZero();
        assertThat(latestStats.degraded()).isFalse();
        assertThat(engine.stats().accepted()).isEqualTo(price.get() - 100_000);
        assertThat(sink.stats().failures()).isPositive();
        await().atMost(PATIENCE).until(() -> source.status().state() == SourceState.RECONNECTING);

        server.start();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            Tick t = emit();
            return cacheStats().circuit() == CircuitState.CLOSED && cached(t);
        });
        assertThat(cacheStats().degraded()).isFalse();
        assertThat(sink.stats().degraded()).isFalse();
        long resumedAbove = price.get();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            emit();
            return edge.ticks.stream().anyMatch(t -> t.lastPrice() > resumedAbove);
        });
        assertThat(source.status().state()).isEqualTo(SourceState.CONNECTED);
        source.close();
    }

    @Test
    void shouldWriteABatchOfSeveralRunsExactlyOnceWhenRedisAppliedItAfterTheAttemptTimedOut() throws Exception {
        RedisTickSink direct = cache.tickSink();
        List<Tick> batch = new ArrayList<>();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < 3 * Pipeline.DISPATCH_COMMANDS; i++) {
            batch.add(tick(7, "WIPRO", t0 + i, 100 + i, i + 1));
        }
        try {
            direct.onBatch(List.of(tick(8, "TCS", t0, 100, 1))); // connects before the pause
            assertThat(server.command("CLIENT PAUSE 1000 ALL")).isEqualTo("+OK");
            assertThatThrownBy(() -> direct.onBatch(batch)).isInstanceOf(RedisTimeoutException.class)
                    .hasMessageContaining("replies missing");
            // The paused server still holds the runs sent before the deadline and applies them when it resumes.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(cache::ping);

            direct.onBatch(batch);

            assertThat(cache.reader().ticksToday("WIPRO")).containsExactlyElementsOf(batch);
            assertThat(direct.stats().ticksWritten()).isEqualTo(1 + batch.size());
            assertThat(direct.stats().failures()).isEqualTo(1);
            assertThat(direct.stats().degraded()).isFalse();
        } finally {
            direct.close();
        }
    }

    @Test
    void shouldTimeOutWhileRedisIsPausedAndRecoverAfterwards() throws Exception {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> cached(emit()));

        assertThat(server.command("CLIENT PAUSE 2000 ALL")).isEqualTo("+OK");

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            emit();
            return cacheStats().dropped() > 0 && cacheStats().circuit() != CircuitState.CLOSED;
        });
        assertThat(sink.stats().lastFailure()).contains("replies missing");
        Tick during = emit();
        await().atMost(PATIENCE).until(() -> other.get(1) != null && other.get(1).lastPrice() == during.lastPrice());

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            Tick t = emit();
            return cacheStats().circuit() == CircuitState.CLOSED && cached(t);
        });
        assertThat(sink.stats().degraded()).isFalse();
    }
}
