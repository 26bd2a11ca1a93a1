package io.tickengine.core.engine;

import static io.tickengine.core.engine.TestTicks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.Tick;
import io.tickengine.core.candle.AggregatorOptions;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.source.PushTickSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EngineCandlesTest {
    @Test
    void shouldBuildCandlesFromAcceptedTicksAndFanThemOutToEveryCandleSink() {
        PushTickSource source = PushTickSource.create("feed");
        RecordingCandleSink a = new RecordingCandleSink("a");
        RecordingCandleSink b = new RecordingCandleSink("b");
        TickEngine engine = TickEngine.builder().source(source)
                .candles(AggregatorOptions.builder().intervals(CandleInterval.S1).build())
                .candleSink(a).candleSink(b).build();
        engine.start();
        long bucket = CandleInterval.S1.bucketStart(System.currentTimeMillis());

        source.publish(at(tick(7, 100, bucket + 10), bucket + 10));
        source.publish(at(tick(7, 130, bucket + 20), bucket + 20));
        source.publish(at(tick(7, 90, bucket + 30), bucket + 30));
        source.publish(at(tick(7, 0, bucket + 40), bucket + 40));     // rejected by the engine: not in any candle
        source.publish(at(tick(7, 110, bucket + 50), bucket + 50));
        source.publish(at(tick(7, 120, bucket + 1_010), bucket + 1_010));

        await().atMost(Duration.ofSeconds(10)).until(() -> !a.candles.isEmpty() && !b.candles.isEmpty());
        engine.stop(Duration.ofSeconds(10));

        for (RecordingCandleSink sink : List.of(a, b)) {
            List<Candle> first = sink.candles.stream().filter(c -> c.bucketStart() == bucket).collect(Collectors.toList());
            assertThat(first).isNotEmpty();
            Candle c = first.get(first.size() - 1);
            assertThat(List.of(c.open(), c.high(), c.low(), c.close())).containsExactly(100L, 130L, 90L, 110L);
            assertThat(c.tickCount()).isEqualTo(4);
            assertThat(sink.candles).anyMatch(x -> x.bucketStart() == bucket + 1_000 && x.close() == 120);
            assertThat(sink.flushed).isTrue();
        }
        SinkStats candles = engine.stats().tickSinks().stream().filter(s -> s.name().equals("candles"))
                .findFirst().orElseThrow();
        assertThat(candles.metrics()).containsEntry("ticksProcessed", 5L).containsEntry("lateTicksDropped", 0L);
        assertThat(engine.stats().candleSinks()).extracting(SinkStats::name).containsExactly("a", "b");
    }

    @Test
    void shouldRejectACandleSinkNamedLikeTheAggregator() {
        assertThatThrownBy(() -> TickEngine.builder().candles(AggregatorOptions.create())
                .candleSink(new RecordingCandleSink("candles")).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("'candles'");
    }

    private static Tick at(Tick t, long exchangeTs) {
        return t.toBuilder().exchangeTimestamp(exchangeTs).build();
    }

    private static final class RecordingCandleSink implements CandleSink {
        final List<Candle> candles = Collections.synchronizedList(new ArrayList<>());
        volatile boolean flushed;
        private final String name;

        RecordingCandleSink(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public OverflowPolicy overflowPolicy() {
            return OverflowPolicy.NEVER_DROP;
        }

        @Override
        public void onCandles(List<Candle> batch) {
            candles.addAll(batch);
        }

        @Override
        public void flush() {
            flushed = true;
        }
    }
}
