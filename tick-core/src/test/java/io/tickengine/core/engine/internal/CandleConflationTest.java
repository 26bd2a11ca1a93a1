package io.tickengine.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Exchange;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A conflating candle sink that fell behind keeps the newest candle of each bucket, not of each series. */
class CandleConflationTest {
    private static final CandleInterval S1 = CandleInterval.S1;

    @Test
    void shouldNotLetALateRevisionReplaceTheNextBucketsCandle() throws Exception {
        GatedSink sink = new GatedSink();
        SinkWorker<Candle> worker = SinkWorker.forCandles(sink,
                SinkOptions.builder().overflowPolicy(OverflowPolicy.CONFLATE).capacity(2).maxBatch(16).build(),
                Clock.system());
        worker.start();
        long n = S1.bucketStart(1_700_000_000_000L);
        try {
            worker.offer(candle(1, n, 100, 0));
            assertThat(sink.entered.await(10, TimeUnit.SECONDS)).as("the sink holds its first batch").isTrue();
            worker.offer(candle(2, n, 200, 0));
            worker.offer(candle(3, n, 300, 0)); // the pass-through queue is full from here on
            worker.offer(candle(7, n + 1_000, 71, 0));
            worker.offer(candle(7, n, 70, 1));  // a late revision of the bucket before
            worker.offer(candle(7, n, 69, 2));  // and a newer one, which replaces it
            sink.gate.countDown();

            await().atMost(Duration.ofSeconds(10)).until(() -> sink.received.size() == 5);
            assertThat(sink.received).filteredOn(c -> c.instrumentToken() == 7)
                    .extracting(Candle::bucketStart, Candle::close, Candle::revision)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(n + 1_000, 71L, 0),
                            org.assertj.core.groups.Tuple.tuple(n, 69L, 2));
            assertThat(worker.stats().conflated()).isEqualTo(1);
        } finally {
            sink.gate.countDown();
            worker.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void shouldKeyBucketsTwoApartAlikeAndNeighboursApart() {
        long n = S1.bucketStart(1_700_000_000_000L);
        assertThat(candle(7, n, 1, 0).conflationKey()).isEqualTo(candle(7, n + 2_000, 1, 0).conflationKey())
                .isNotEqualTo(candle(7, n + 1_000, 1, 0).conflationKey())
                .isNotEqualTo(candle(8, n, 1, 0).conflationKey());
        CandleInterval m5 = CandleInterval.M5;
        long m = m5.bucketStart(1_700_000_000_000L);
        assertThat(new Candle(7, Exchange.NSE, m5, m, 2, 1, 1, 1, 1, 0, 1, 0).conflationKey())
                .isNotEqualTo(new Candle(7, Exchange.NSE, m5, m + m5.millis(), 2, 1, 1, 1, 1, 0, 1, 0).conflationKey())
                .isNotEqualTo(candle(7, n, 1, 0).conflationKey());
    }

    private static Candle candle(long token, long bucketStart, long close, int revision) {
        return new Candle(token, Exchange.NSE, S1, bucketStart, 2, close, close, close, close, 0, 1, revision);
    }

    /** Holds its first batch until released, then records everything. */
    private static final class GatedSink implements CandleSink {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final List<Candle> received = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "gated";
        }

        @Override
        public OverflowPolicy overflowPolicy() {
            return OverflowPolicy.CONFLATE;
        }

        @Override
        public void onCandles(List<Candle> candles) throws Exception {
            entered.countDown();
            gate.await();
            received.addAll(candles);
        }
    }
}
