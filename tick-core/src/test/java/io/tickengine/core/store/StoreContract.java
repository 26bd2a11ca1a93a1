package io.tickengine.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.TickSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every tick and candle store passes (PostgreSQL/TimescaleDB, SQLite): exact round
 * trips, ticks sharing a timestamp, idempotent retries, candle revisions, ranges, limits and restart
 * recovery. Extend it, create a store over fresh storage, and expose its four faces. Shipped in
 * tick-core's test-jar.
 */
public abstract class StoreContract {
    /** 2024-11-19T04:00:00Z = 09:30 IST. */
    protected static final long T0 = 1_731_988_800_000L;

    /** The store under test, seen through the contracts it implements. */
    protected interface Store extends AutoCloseable {
        TickSink tickSink();

        CandleSink candleSink();

        TickHistory ticks();

        CandleHistory candles();
    }

    private Store store;

    /** Creates a store over fresh, empty storage (its own database or file). */
    protected abstract Store createStore() throws Exception;

    @BeforeEach
    void createStoreUnderTest() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStoreUnderTest() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldRoundTripTicksWithExactPricesAtEveryScale() throws Exception {
        List<Tick> sent = List.of(
                tick(408_065, Exchange.NSE, "INFY", 2, 157_370, T0, 1),
                tick(2_953_475, Exchange.CDS, "USDINR24NOVFUT", 7, 834_512_345, T0 + 1, 2),
                tick(3_158_028, Exchange.BCD, "EURINR24NOVFUT", 4, 912_345, T0 + 2, 3),
                tick(256_265, Exchange.NSE, "NIFTY 50", 2, -5, T0 + 3, 4));
        write(sent);

        List<Tick> back = store.ticks().ticks(new TimeRange(T0, T0 + 10), 100);

        assertThat(back).hasSize(4);
        for (int i = 0; i < sent.size(); i++) {
            assertSameTick(back.get(i), sent.get(i));
        }
    }

    @Test
    void shouldKeepEveryTickThatSharesATimestamp() throws Exception {
        List<Tick> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(tick(408_065, Exchange.NSE, "INFY", 2, 157_370 + i, T0, 10 + i));
        }
        write(sent);

        assertThat(store.ticks().ticksByToken(408_065, new TimeRange(T0, T0 + 1), 100))
                .extracting(Tick::lastPrice).containsExactly(157_370L, 157_371L, 157_372L, 157_373L, 157_374L);
    }

    @Test
    void shouldNotDuplicateTicksWhenABatchIsRetried() throws Exception {
        List<Tick> batch = List.of(tick(408_065, Exchange.NSE, "INFY", 2, 100, T0, 1),
                tick(408_065, Exchange.NSE, "INFY", 2, 101, T0, 2));
        store.tickSink().onBatch(new ArrayList<>(batch));
        store.tickSink().onBatch(new ArrayList<>(batch));
        store.tickSink().flush();

        assertThat(store.ticks().ticksByToken(408_065, new TimeRange(T0, T0 + 1), 100)).hasSize(2);
    }

    @Test
    void shouldQueryBySymbolTokenAndExchangeWithinHalfOpenRangesAndLimits() throws Exception {
        List<Tick> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean infy = i % 3 != 0;
            sent.add(infy ? tick(408_065, Exchange.NSE, "INFY", 2, 1_000 + i, T0 + i * 1_000L, i + 1)
                    : tick(1_001, Exchange.BSE, "SENSEXSTOCK", 2, 2_000 + i, T0 + i * 1_000L, i + 1));
        }
        write(sent);
        TimeRange range = new TimeRange(T0 + 3_000, T0 + 9_000);

        assertThat(store.ticks().ticksBySymbol(Exchange.NSE, "INFY", range, 100)).extracting(Tick::lastPrice)
                .containsExactly(1_004L, 1_005L, 1_007L, 1_008L);
        assertThat(store.ticks().ticksByToken(408_065, range, 2)).extracting(Tick::lastPrice)
                .containsExactly(1_004L, 1_005L);
        assertThat(store.ticks().ticksByExchange(Exchange.BSE, range, 100)).extracting(Tick::lastPrice)
                .containsExactly(2_003L, 2_006L);
        assertThat(store.ticks().ticks(range, 100)).hasSize(6);
        assertThat(store.ticks().ticks(new TimeRange(T0 - 10, T0), 100)).isEmpty();
        assertThat(store.ticks().lastTickTime(408_065)).hasValue(T0 + 29_000);
        assertThat(store.ticks().lastTickTime(42)).isEmpty();
    }

    @Test
    void shouldKeepRawPacketsWhenTheTickHasThem() throws Exception {
        byte[] raw = {0, 6, 58, 1, 0, 2, 103, 58};
        Tick t = tick(408_065, Exchange.NSE, "INFY", 2, 157_370, T0, 1).toBuilder().rawPacket(raw).build()
                .withIngestSequence(1);
        write(List.of(t));

        Tick back = store.ticks().ticksByToken(408_065, new TimeRange(T0, T0 + 1), 1).get(0);
        assertThat(back.rawPacketBytes()).containsExactly(raw);
    }

    @Test
    void shouldKeepDepthTicksAsTheyCame() throws Exception {
        Depth.Builder book = Depth.builder(20);
        for (int i = 0; i < 20; i++) {
            book.bid(157_300 - i * 5, 10 + i, 1 + i).ask(157_305 + i * 5, 20 + i, 2 + i);
        }
        Tick depth = Tick.builder().instrumentToken(408_065).exchange(Exchange.NSE).tradingSymbol("INFY").tradable(true)
                .mode(TickMode.DEPTH).priceScale(2).exchangeTimestamp(T0 + 1).receiveTimestamp(T0 + 5)
                .depth(book.build()).build().withIngestSequence(2);
        write(List.of(tick(408_065, Exchange.NSE, "INFY", 2, 157_302, T0, 1), depth));

        List<Tick> back = store.ticks().ticksByToken(408_065, new TimeRange(T0, T0 + 10), 10);

        assertThat(back).extracting(Tick::mode).containsExactly(TickMode.FULL, TickMode.DEPTH);
        assertSameTick(back.get(1), depth);
        assertThat(back.get(1).lastPrice()).isZero();
        assertThat(back.get(1).depth().askLevels()).isEqualTo(20);
    }

    @Test
    void shouldStoreCandlesAndKeepOnlyTheLatestRevision() throws Exception {
        CandleInterval s1 = CandleInterval.S1;
        Candle first = candle(408_065, s1, T0, 157_370, 157_380, 157_360, 157_375, 120, 4, 0);
        Candle revised = candle(408_065, s1, T0, 157_370, 157_390, 157_360, 157_385, 130, 5, 1);
        Candle next = candle(408_065, s1, T0 + 1_000, 157_385, 157_385, 157_385, 157_385, 0, 0, 0);
        Candle minute = candle(408_065, CandleInterval.M1, T0, 157_370, 157_390, 157_360, 157_385, 130, 5, 0);
        Candle cds = new Candle(2_953_475, Exchange.CDS, s1, T0, 7, 834_512_345, 834_512_999, 834_500_000,
                834_512_500, 10, 2, 0);
        store.candleSink().onCandles(new ArrayList<>(List.of(first, next, minute, cds)));
        store.candleSink().onCandles(new ArrayList<>(List.of(revised)));
        store.candleSink().onCandles(new ArrayList<>(List.of(first)));
        store.candleSink().flush();

        assertThat(store.candles().candles(408_065, s1, new TimeRange(T0, T0 + 2_000), 100))
                .containsExactly(revised, next);
        assertThat(store.candles().candles(408_065, s1, new TimeRange(T0, T0 + 2_000), 1)).containsExactly(revised);
        assertThat(store.candles().candles(408_065, CandleInterval.M1, new TimeRange(T0, T0 + 60_000), 10))
                .containsExactly(minute);
        assertThat(store.candles().candles(2_953_475, s1, new TimeRange(T0, T0 + 1), 10)).containsExactly(cds);
        assertThat(store.candles().lastCandleStart(408_065, s1)).hasValue(T0 + 1_000);
        assertThat(store.candles().lastCandleStart(408_065, CandleInterval.M5)).isEmpty();
    }

    /** Writes ticks through the sink the way the engine does, then flushes. */
    protected void write(List<Tick> ticks) throws Exception {
        store.tickSink().onBatch(new ArrayList<>(ticks));
        store.tickSink().flush();
    }

    /** The fields every store keeps exactly. */
    protected void assertSameTick(Tick actual, Tick expected) {
        assertThat(actual.instrumentToken()).isEqualTo(expected.instrumentToken());
        assertThat(actual.exchange()).isEqualTo(expected.exchange());
        assertThat(actual.tradingSymbol()).isEqualTo(expected.tradingSymbol());
        assertThat(actual.priceScale()).isEqualTo(expected.priceScale());
        assertThat(actual.lastPrice()).isEqualTo(expected.lastPrice());
        assertThat(actual.lastPriceDecimal()).isEqualByComparingTo(expected.lastPriceDecimal());
        assertThat(actual.volume()).isEqualTo(expected.volume());
        assertThat(actual.open()).isEqualTo(expected.open());
        assertThat(actual.high()).isEqualTo(expected.high());
        assertThat(actual.low()).isEqualTo(expected.low());
        assertThat(actual.close()).isEqualTo(expected.close());
        assertThat(actual.openInterest()).isEqualTo(expected.openInterest());
        assertThat(actual.exchangeTimestamp()).isEqualTo(expected.exchangeTimestamp());
        assertThat(actual.eventTime()).isEqualTo(expected.eventTime());
        assertThat(actual.ingestSequence()).isEqualTo(expected.ingestSequence());
        assertThat(actual.depth()).isEqualTo(expected.depth());
    }

    /** A full-mode tick at {@code eventTime} with depth and an ingest sequence. */
    protected static Tick tick(long token, Exchange exchange, String symbol, int scale, long price, long eventTime,
                               long sequence) {
        Depth depth = Depth.builder(5).bid(price - 5, 10, 1).bid(price - 10, 20, 2).ask(price + 5, 30, 3).build();
        return Tick.builder().instrumentToken(token).exchange(exchange).tradingSymbol(symbol).tradable(true)
                .mode(TickMode.FULL).priceScale(scale).lastPrice(price).lastQuantity(5).averagePrice(price - 1)
                .volume(1_000_000L + sequence).totalBuyQuantity(100).totalSellQuantity(200).open(price - 50)
                .high(price + 50).low(price - 60).close(price - 10).lastTradeTime(eventTime)
                .exchangeTimestamp(eventTime).receiveTimestamp(eventTime + 20).openInterest(sequence * 7)
                .depth(depth).build().withIngestSequence(sequence);
    }

    protected static Candle candle(long token, CandleInterval interval, long start, long open, long high, long low,
                                   long close, long volume, int ticks, int revision) {
        return new Candle(token, Exchange.NSE, interval, start, 2, open, high, low, close, volume, ticks, revision);
    }
}
