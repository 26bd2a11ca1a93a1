package io.tickengine.angelone.ws;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.angelone.instruments.AngelOneScripMaster;
import io.tickengine.angelone.parse.AngelOneTokens;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.cache.redis.RedisCache;
import io.tickengine.cache.redis.RedisCacheOptions;
import io.tickengine.cache.redis.RedisCacheReader;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.time.MarketTime;
import io.tickengine.testkit.RedisKeyspace;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis cache sink works unchanged on Angel One ticks: simulator, the real {@link AngelOneTickSource},
 * the engine and the Redis sink against the real Redis, under this test's own key prefix. History reads
 * back tick for tick with exact prices; the latest key holds the last traded tick even though Depth-20
 * ticks (order book only) keep arriving for the same instrument.
 */
class AngelOneRedisCacheIT extends SourceFixture {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    static final long SBIN = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "3045");
    static final long NIFTY_FUT = AngelOneTokens.syntheticId(ExchangeType.NSE_FO, "35003");
    static final long INFY = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "1594");

    final List<Tick> delivered = new ArrayList<>();

    @Test
    void shouldCacheAngelOneTicksInRedisWithExactPrices() throws Exception {
        InstrumentRegistry registry = InstrumentRegistry.empty();
        AngelOneScripMaster.loadSample(registry);
        simulator(b -> b.tickInterval(Duration.ofMillis(50)));
        AngelOneTickSource depthSource = AngelOneTickSource.create(options().name("angelone-depth").instruments(registry).build());
        source = AngelOneTickSource.create(options().instruments(registry).build());
        source.subscribe(List.of(SBIN, INFY), TickMode.FULL);
        source.subscribe(List.of(NIFTY_FUT), TickMode.QUOTE);
        depthSource.subscribe(List.of(INFY), TickMode.DEPTH);
        try (RedisCache cache = RedisCache.create(RedisCacheOptions.builder().uri(redis.url()).keyPrefix(redis.prefix())
                .build())) {
            TickEngine engine = TickEngine.builder().source(source).source(depthSource).instruments(registry)
                    .sink(cache.tickSink()).sink(recordTicks()).build();
            engine.start();
            await("ticks of every instrument and mode").atMost(Duration.ofSeconds(20)).until(() -> count(SBIN, TickMode.FULL) >= 5
                    && count(NIFTY_FUT, TickMode.QUOTE) >= 5 && count(INFY, TickMode.FULL) >= 3 && count(INFY, TickMode.DEPTH) >= 3);
            assertThat(engine.stop(Duration.ofSeconds(20))).isTrue();

            List<Tick> ticks;
            synchronized (delivered) {
                ticks = List.copyOf(delivered);
            }
            try (RedisCacheReader reader = cache.reader()) {
                for (String symbol : List.of("SBIN", "NIFTY26DEC24FUT", "INFY")) {
                    List<Tick> sent = ticks.stream().filter(t -> symbol.equals(t.tradingSymbol())).toList();
                    List<Tick> cached = new ArrayList<>();
                    TreeSet<LocalDate> days = new TreeSet<>();
                    sent.forEach(t -> days.add(MarketTime.tradingDate(t.eventTime())));
                    for (LocalDate day : days) {
                        cached.addAll(reader.ticksOn(symbol, day));
                    }
                    assertThat(cached).as(symbol).isNotEmpty().containsExactlyInAnyOrderElementsOf(sent);
                }
                Tick sbin = reader.latest(SBIN);
                assertThat(sbin).isEqualTo(last(ticks, SBIN, true));
                assertThat(sbin.lastPrice()).isPositive();
                assertThat(sbin.depth().bidLevels()).isEqualTo(5);
                assertThat(reader.latest(NIFTY_FUT)).isEqualTo(last(ticks, NIFTY_FUT, true));
                Tick infy = reader.latest(INFY);
                assertThat(infy.mode()).as("a depth tick never replaces the latest trade").isEqualTo(TickMode.FULL);
                assertThat(infy).isEqualTo(last(ticks, INFY, true));
            }
        } finally {
            depthSource.close();
        }
    }

    private static Tick last(List<Tick> ticks, long token, boolean trade) {
        Tick last = null;
        for (Tick t : ticks) {
            if (t.instrumentToken() == token && t.mode().hasTradePrice() == trade
                    && (last == null || t.ingestSequence() > last.ingestSequence())) {
                last = t;
            }
        }
        return last;
    }

    private long count(long token, TickMode mode) {
        synchronized (delivered) {
            return delivered.stream().filter(t -> t.instrumentToken() == token && t.mode() == mode).count();
        }
    }

    private TickSink recordTicks() {
        return batch -> {
            synchronized (delivered) {
                delivered.addAll(batch);
            }
        };
    }
}
