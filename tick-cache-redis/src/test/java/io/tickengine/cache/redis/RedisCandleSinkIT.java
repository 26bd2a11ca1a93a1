package io.tickengine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.tickengine.cache.redis.internal.CandleJson;
import io.tickengine.core.Exchange;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.testkit.RedisKeyspace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisCandleSinkIT {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    private static final long B0 = 1_765_168_200_000L;
    private static final CandleInterval S1 = CandleInterval.S1;

    private RedisCache cache;
    private RedisCandleSink sink;

    @BeforeEach
    void open() {
        cache = RedisCache.create(RedisCacheOptions.builder().uri(redis.url()).keyPrefix(redis.prefix())
                .candleStreamMaxLen(10).build());
        sink = cache.candleSink();
    }

    @AfterEach
    void close() {
        sink.close();
        cache.close();
    }

    private static Candle candle(CandleInterval interval, long bucket, long close, int revision) {
        return new Candle(256_265, Exchange.NSE, interval, bucket, 2, close - 10, close + 10, close - 20, close, 100, 3,
                revision);
    }

    @Test
    void shouldWriteLatestStreamAndPublishAsSeed003LaysThemOut() throws Exception {
        try (Subscriber sub = new Subscriber(redis.url(), redis.prefix() + "pub:candle:*")) {
            Candle c = candle(S1, B0, 157_370, 0);

            sink.onCandles(List.of(c));

            String latest = redis.prefix() + "candle:1s:latest:NSE:256265";
            String stream = redis.prefix() + "candle:1s:stream:NSE:256265";
            assertThat(redis.commands().get(latest)).isEqualTo(CandleJson.write(c)).contains("\"close\":\"1573.70\"");
            assertThat(redis.commands().pttl(latest)).isBetween(Duration.ofMinutes(29).toMillis(),
                    Duration.ofMinutes(30).toMillis());
            assertThat(redis.commands().xrange(stream, Range.unbounded())).extracting(StreamMessage::getId)
                    .containsExactly(B0 + "-0");
            assertThat(redis.commands().ttl(stream)).isPositive();
            await().atMost(Duration.ofSeconds(5)).until(() -> sub.messages.size() == 1);
            assertThat(sub.channels()).containsExactly(redis.prefix() + "pub:candle:1s:NSE:256265");
            assertThat(CandleJson.read(new String(sub.messages.get(0).getValue(), StandardCharsets.UTF_8))).isEqualTo(c);
            assertThat(cache.reader().latestCandle(S1, Exchange.NSE, 256_265)).isEqualTo(c);
        }
    }

    @Test
    void shouldKeepEachBucketOnceInItsLatestRevisionAndNeverMoveTheLatestBack() throws Exception {
        Candle b0 = candle(S1, B0, 100, 0);
        Candle b0rev1 = candle(S1, B0, 101, 1);
        Candle b1 = candle(S1, B0 + 1000, 110, 0);
        Candle b0rev2 = candle(S1, B0, 102, 2);

        sink.onCandles(List.of(b0, b0rev1));
        sink.onCandles(List.of(b1, b0rev2));

        assertThat(cache.reader().recentCandles(S1, Exchange.NSE, 256_265, 5)).containsExactly(b0rev2, b1);
        assertThat(cache.reader().recentCandles(S1, Exchange.NSE, 256_265, 1)).containsExactly(b1);
        assertThat(cache.reader().latestCandle(S1, Exchange.NSE, 256_265)).isEqualTo(b1);
    }

    @Test
    void shouldCapTheStreamAndNameOtherIntervalsTheSameWay() throws Exception {
        List<Candle> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(candle(CandleInterval.M5, B0 + i * 300_000L, 100 + i, 0));
        }

        sink.onCandles(many);

        String stream = redis.prefix() + "candle:5m:stream:NSE:256265";
        assertThat(redis.commands().xlen(stream)).isLessThan(500).isGreaterThanOrEqualTo(10);
        assertThat(redis.commands().exists(redis.prefix() + "candle:5m:latest:NSE:256265")).isOne();
        assertThat(cache.reader().recentCandles(CandleInterval.M5, Exchange.NSE, 256_265, 3))
                .containsExactlyElementsOf(many.subList(497, 500));
        assertThat(sink.written()).isEqualTo(500);
    }
}
