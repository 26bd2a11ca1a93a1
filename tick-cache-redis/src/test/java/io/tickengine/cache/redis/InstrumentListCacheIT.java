package io.tickengine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.testkit.RedisKeyspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstrumentListCacheIT {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    private static final Instrument NIFTY = new Instrument(256_265, 1024, "NIFTY 50", "NIFTY 50", null, null, null,
            null, 0, "EQ", "INDICES", Exchange.NSE);
    private static final Instrument BANK = new Instrument(260_105, 1016, "NIFTY BANK", "NIFTY BANK", null, null, null,
            null, 0, "EQ", "INDICES", Exchange.NSE);
    private static final Instrument RELIANCE = new Instrument(738_561, 2885, "RELIANCE", "RELIANCE INDUSTRIES",
            new BigDecimal("1573.70"), null, null, new BigDecimal("0.05"), 1, "EQ", "NSE", Exchange.NSE);

    private RedisCache cache;

    @BeforeEach
    void open() {
        cache = RedisCache.create(RedisCacheOptions.builder().uri(redis.url()).keyPrefix(redis.prefix()).build());
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void shouldStoreTheSeedListsWithADayTtlAndReplaceThemOnRefresh() {
        cache.instruments().refresh(InstrumentRegistry.of(List.of(NIFTY, BANK, RELIANCE)));

        String indices = redis.prefix() + "instruments:nse:indices";
        assertThat(redis.commands().type(indices)).isEqualTo("list");
        assertThat(redis.commands().ttl(indices)).isBetween(Duration.ofDays(1).toSeconds() - 60, Duration.ofDays(1).toSeconds());
        assertThat(redis.commands().lindex(indices, 0)).startsWith("{\"instrumentToken\":256265,\"exchangeToken\":1024,"
                + "\"tradingSymbol\":\"NIFTY 50\",\"type\":\"INDEX\"");
        assertThat(cache.instruments().load(InstrumentList.NSE_INDICES)).contains(List.of(NIFTY, BANK));
        assertThat(cache.instruments().load(InstrumentList.NSE_STOCKS)).contains(List.of(RELIANCE));

        cache.instruments().store(InstrumentList.NSE_INDICES, List.of(BANK));

        assertThat(cache.instruments().load(InstrumentList.NSE_INDICES)).contains(List.of(BANK));
        assertThat(redis.commands().keys(redis.prefix() + "*refresh*")).isEmpty();
    }

    @Test
    void shouldLoadFromTheMasterOnlyWhenTheListIsMissing() {
        AtomicInteger loads = new AtomicInteger();

        List<Instrument> first = cache.instruments().loadOrRefresh(InstrumentList.NSE_STOCKS, () -> {
            loads.incrementAndGet();
            return List.of(RELIANCE);
        });
        List<Instrument> second = cache.instruments().loadOrRefresh(InstrumentList.NSE_STOCKS, List::of);

        assertThat(first).containsExactly(RELIANCE);
        assertThat(second).containsExactly(RELIANCE);
        assertThat(loads).hasValue(1);
        assertThat(cache.instruments().load(InstrumentList.NSE_INDICES)).isEmpty();
    }
}
