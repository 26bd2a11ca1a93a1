package io.tickengine.cache.redis;

import static io.tickengine.cache.redis.Ticks.T0;
import static io.tickengine.cache.redis.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.codec.TickCodecTest;
import io.tickengine.core.source.SourceState;
import io.tickengine.testkit.RedisKeyspace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisTickSourceIT {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    private RedisCache cache;
    private RedisTickSink sink;
    private RedisTickSource source;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void open() {
        cache = RedisCache.create(RedisCacheOptions.builder().uri(redis.url()).keyPrefix(redis.prefix())
                .publishMaxTicks(1).build());
        sink = cache.tickSink();
        source = cache.tickSource("edge");
    }

    @AfterEach
    void close() {
        source.close();
        sink.close();
        cache.close();
    }

    private void startAndAwaitConnected() {
        source.start(listener);
        await().atMost(Duration.ofSeconds(5)).until(() -> source.status().state() == SourceState.CONNECTED);
    }

    /** Subscriptions are asynchronous: publish probes (from a sink of their own) until one of {@code token} arrives. */
    private void awaitSubscribed(long token) {
        RedisTickSink probes = cache.tickSink();
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                probes.onBatch(List.of(tick(token, RecordingListener.PROBE, T0, 1, 0)));
                return listener.probes.stream().anyMatch(t -> t.instrumentToken() == token);
            });
        } finally {
            probes.close();
        }
    }

    @Test
    void shouldDeliverThePublishedTicksOfSubscribedInstrumentsExactly() throws Exception {
        source.subscribe(List.of(1L), TickMode.FULL);
        startAndAwaitConnected();
        awaitSubscribed(1);
        Tick full = TickCodecTest.fullTick().toBuilder().instrumentToken(1).build().withIngestSequence(5);

        sink.onBatch(List.of(tick(2, "B", T0, 200, 1), full));

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.ticks.isEmpty());
        assertThat(listener.ticks).containsExactly(full);
        assertThat(source.received()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldMapUnsubscribeAndSubscribeToRedisSubscriptions() throws Exception {
        source.subscribe(List.of(1L), TickMode.LTP);
        startAndAwaitConnected();
        awaitSubscribed(1);

        source.unsubscribe(List.of(1L));
        source.subscribe(List.of(2L), TickMode.LTP);
        awaitSubscribed(2);
        sink.onBatch(List.of(tick(1, "A", T0, 100, 10)));
        sink.onBatch(List.of(tick(2, "B", T0, 200, 11)));

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.ticks.isEmpty());
        assertThat(listener.ticks).extracting(Tick::instrumentToken).containsExactly(2L);
        assertThat(source.subscriptions()).containsExactly(2L);
    }

    @Test
    void shouldReceiveEveryInstrumentAfterSubscribeAllOnce() throws Exception {
        source.subscribe(List.of(1L), TickMode.LTP);
        startAndAwaitConnected();
        source.subscribeAll();
        awaitSubscribed(3);

        sink.onBatch(List.of(tick(1, "A", T0, 100, 10), tick(2, "B", T0, 200, 11)));

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.ticks.size() >= 2);
        assertThat(listener.ticks).extracting(Tick::ingestSequence).containsExactlyInAnyOrder(10L, 11L);
    }

    @Test
    void shouldSkipMessagesThatAreNotTickFramesAndReportItsLife() {
        source.subscribe(List.of(1L), TickMode.LTP);
        startAndAwaitConnected();
        awaitSubscribed(1);

        redis.commands().publish(cache.keys().tickChannel(1), new String(new byte[] {9, 9}, StandardCharsets.ISO_8859_1));

        await().atMost(Duration.ofSeconds(5)).until(() -> source.malformedFrames() == 1);
        assertThatThrownBy(() -> source.start(listener)).isInstanceOf(IllegalStateException.class);
        source.close();
        assertThat(source.status().state()).isEqualTo(SourceState.STOPPED);
        assertThat(listener.saw(SourceState.CONNECTING)).isTrue();
        assertThat(listener.saw(SourceState.CONNECTED)).isTrue();
    }
}
