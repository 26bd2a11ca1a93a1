package io.tickengine.cache.redis;

import static io.tickengine.cache.redis.Ticks.T0;
import static io.tickengine.cache.redis.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Tick;
import io.tickengine.core.codec.TickCodec;
import io.tickengine.core.time.ManualClock;
import io.tickengine.testkit.RedisKeyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TickPublishIT {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    private final ManualClock clock = new ManualClock(T0);
    private RedisCache cache;
    private RedisTickSink sink;
    private Subscriber subscriber;

    @BeforeEach
    void open() {
        cache = RedisCache.create(RedisCacheOptions.builder().uri(redis.url()).keyPrefix(redis.prefix()).clock(clock)
                .publishMaxTicks(6).publishInterval(Duration.ofMillis(100)).build());
        sink = cache.tickSink();
        subscriber = new Subscriber(redis.url(), redis.prefix() + "ticks:*");
    }

    @AfterEach
    void close() {
        subscriber.close();
        sink.close();
        cache.close();
    }

    private List<Tick> received() {
        List<Tick> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> m : subscriber.messages) {
            out.addAll(TickCodec.decode(m.getValue()));
        }
        return out;
    }

    @Test
    void shouldPublishOneFramePerInstrumentOnceTheBatchSizeIsReached() throws Exception {
        List<Tick> first = List.of(tick(1, "A", T0, 100, 1), tick(2, "B", T0, 200, 2), tick(1, "A", T0, 101, 3));
        List<Tick> second = List.of(tick(2, "B", T0, 201, 4), tick(1, "A", T0, 102, 5), tick(2, "B", T0, 202, 6));

        sink.onBatch(first);
        sink.onBatch(second);

        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.messages.size() == 2);
        assertThat(subscriber.channels()).containsExactly(cache.keys().tickChannel(1), cache.keys().tickChannel(2));
        assertThat(TickCodec.decode(subscriber.messages.get(0).getValue())).extracting(Tick::ingestSequence)
                .containsExactly(1L, 3L, 5L);
        assertThat(received()).containsExactlyInAnyOrder(tick(1, "A", T0, 100, 1), tick(2, "B", T0, 200, 2),
                tick(1, "A", T0, 101, 3), tick(2, "B", T0, 201, 4), tick(1, "A", T0, 102, 5), tick(2, "B", T0, 202, 6));
        assertThat(sink.stats().ticksPublished()).isEqualTo(6);
    }

    @Test
    void shouldPublishWhatIsBufferedWhenTheIntervalHasPassed() throws Exception {
        sink.onBatch(List.of(tick(1, "A", T0, 100, 1), tick(1, "A", T0, 101, 2)));
        clock.advance(99);
        sink.onTimer(clock.millis());
        sink.onBatch(List.of(tick(3, "C", T0, 300, 3)));
        assertThat(sink.stats().ticksPublished()).isZero();

        clock.advance(1);
        sink.onTimer(clock.millis());

        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.messages.size() == 2);
        assertThat(received()).extracting(Tick::ingestSequence).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(sink.stats().ticksPublished()).isEqualTo(3);
    }

    @Test
    void shouldPublishTheRestOnFlush() throws Exception {
        sink.onBatch(List.of(tick(1, "A", T0, 100, 1)));

        sink.flush();

        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.messages.size() == 1);
        assertThat(received()).containsExactly(tick(1, "A", T0, 100, 1));
    }

    @Test
    void shouldNotPublishTheTicksOfARetriedBatchTwice() throws Exception {
        String tcs = cache.keys().tickHistory(java.time.LocalDate.of(2025, 12, 8), "B");
        redis.commands().set(tcs, "not a stream");
        List<Tick> batch = List.of(tick(1, "A", T0, 100, 1), tick(2, "B", T0, 200, 2), tick(1, "A", T0, 101, 3),
                tick(2, "B", T0, 201, 4), tick(1, "A", T0, 102, 5), tick(2, "B", T0, 202, 6));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.onBatch(batch))
                .isInstanceOf(RedisWriteFailedException.class);
        redis.commands().del(tcs);
        sink.onBatch(batch);
        sink.onBatch(List.of(tick(3, "C", T0, 300, 7)));
        sink.flush();

        await().atMost(Duration.ofSeconds(5)).until(() -> received().stream().anyMatch(t -> t.ingestSequence() == 7));
        assertThat(received()).extracting(Tick::ingestSequence).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(sink.stats().publishDropped()).isEqualTo(6);
        assertThat(sink.stats().ticksPublished()).isEqualTo(1);
        assertThat(cache.reader().ticksToday("B")).extracting(Tick::ingestSequence).containsExactly(2L, 4L, 6L);
    }
}
