package io.tickengine.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TickSink} passes. Extend it in a module's tests, create the sink under
 * test and read back what it kept; the kit drives the sink the way the engine does (one thread,
 * batches, a list reused after each call, batches repeated after a failure, flush then close).
 * Shipped in tick-core's test-jar.
 */
public abstract class TickSinkContract<S extends TickSink> {
    private static final long START = 1_732_000_000_000L;

    /** The sink under test, created before each test. */
    protected S sink;

    /** Creates a fresh sink with its own storage (database, key prefix, file). */
    protected abstract S createSink() throws Exception;

    /**
     * What the sink kept, as ticks, after {@link TickSink#flush()}: every tick for a history sink,
     * the latest per instrument for a latest-value sink.
     */
    protected abstract List<Tick> readBack(S sink) throws Exception;

    /** Whether the sink keeps every tick (history) rather than the latest per instrument. */
    protected abstract boolean keepsEveryTick();

    @BeforeEach
    void createSinkUnderTest() throws Exception {
        sink = createSink();
    }

    @AfterEach
    void closeSinkUnderTest() throws Exception {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void shouldHaveANameAndAPolicy() {
        assertThat(sink.name()).isNotBlank();
        assertThat(sink.overflowPolicy()).isNotNull();
    }

    @Test
    void shouldKeepExactValuesAndOrderPerInstrumentAcrossReusedBatchLists() throws Exception {
        List<Tick> sent = ticks(3, 40);
        deliverInBatches(sent, 7);
        sink.flush();

        assertKept(readBack(sink), sent);
    }

    @Test
    void shouldTolerateABatchDeliveredAgainAfterARetry() throws Exception {
        List<Tick> sent = ticks(2, 20);
        List<Tick> batch = new ArrayList<>(sent.subList(0, 10));
        sink.onBatch(batch);
        sink.onBatch(batch);
        sink.onBatch(new ArrayList<>(sent.subList(10, 20)));
        sink.flush();

        assertKept(readBack(sink), sent);
    }

    @Test
    void shouldFlushAndTimeWhenIdle() {
        assertThatCode(() -> {
            sink.onTimer(START);
            sink.flush();
            sink.flush();
        }).doesNotThrowAnyException();
    }

    private void deliverInBatches(List<Tick> ticks, int size) throws Exception {
        List<Tick> reused = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i += size) {
            reused.clear();
            reused.addAll(ticks.subList(i, Math.min(ticks.size(), i + size)));
            sink.onBatch(reused);
            reused.clear();
        }
    }

    private void assertKept(List<Tick> kept, List<Tick> sent) {
        Map<Long, List<Tick>> sentBy = byInstrument(sent);
        Map<Long, List<Tick>> keptBy = byInstrument(kept);
        assertThat(keptBy.keySet()).isEqualTo(sentBy.keySet());
        for (Map.Entry<Long, List<Tick>> e : sentBy.entrySet()) {
            List<Tick> expected = e.getValue();
            List<Tick> actual = keptBy.get(e.getKey());
            if (keepsEveryTick()) {
                assertThat(actual).extracting(Tick::ingestSequence)
                        .containsExactlyElementsOf(expected.stream().map(Tick::ingestSequence).toList());
                for (int i = 0; i < expected.size(); i++) {
                    assertSameMarketData(actual.get(i), expected.get(i));
                }
            } else {
                assertThat(actual).hasSize(1);
                assertSameMarketData(actual.get(0), expected.get(expected.size() - 1));
            }
        }
    }

    /** The fields every sink must keep exactly; a sink may drop fields it does not store. */
    protected void assertSameMarketData(Tick actual, Tick expected) {
        assertThat(actual.instrumentToken()).isEqualTo(expected.instrumentToken());
        assertThat(actual.lastPriceDecimal()).isEqualByComparingTo(expected.lastPriceDecimal());
        assertThat(actual.volume()).isEqualTo(expected.volume());
        assertThat(actual.ingestSequence()).isEqualTo(expected.ingestSequence());
    }

    private static Map<Long, List<Tick>> byInstrument(List<Tick> ticks) {
        Map<Long, List<Tick>> m = new HashMap<>();
        ticks.forEach(t -> m.computeIfAbsent(t.instrumentToken(), k -> new ArrayList<>()).add(t));
        return m;
    }

    /** Full-mode ticks for {@code instruments} instruments, interleaved, with consecutive sequences. */
    protected static List<Tick> ticks(int instruments, int count) {
        List<Tick> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long token = 408_065 + (i % instruments) * 256L;
            int scale = i % instruments == 2 ? 7 : 2;
            long price = (scale == 7 ? 834_512_345L : 157_370L) + i * 5L;
            Depth depth = Depth.builder(5).bid(price - 5, 10 + i, 1).ask(price + 5, 20 + i, 2).build();
            out.add(Tick.builder().instrumentToken(token).exchange(scale == 7 ? Exchange.CDS : Exchange.NSE)
                    .tradingSymbol("SYM" + (i % instruments)).tradable(true).mode(TickMode.FULL).priceScale(scale)
                    .lastPrice(price).lastQuantity(5).averagePrice(price - 1).volume(1_000_000L + i * 10L)
                    .totalBuyQuantity(100).totalSellQuantity(200).open(price - 50).high(price + 50).low(price - 60)
                    .close(price - 10).lastTradeTime(START + i * 1000L).exchangeTimestamp(START + i * 1000L)
                    .receiveTimestamp(START + i * 1000L + 20).openInterest(i).depth(depth).build()
                    .withIngestSequence(i + 1));
        }
        return out;
    }
}
