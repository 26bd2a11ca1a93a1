package io.tickengine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.TickSinkContract;
import io.tickengine.core.time.MarketTime;
import io.tickengine.testkit.RedisKeyspace;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tick sink passes the kit every sink passes, in the default Stream layout. */
class RedisTickSinkContractIT extends TickSinkContract<RedisTickSink> {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    private RedisCache cache;

    @Override
    protected RedisTickSink createSink() {
        cache = RedisCache.create(options().build());
        return cache.tickSink();
    }

    protected RedisCacheOptions.Builder options() {
        return RedisCacheOptions.builder().uri(redis.url()).keyPrefix(redis.prefix());
    }

    @Override
    protected List<Tick> readBack(RedisTickSink sink) {
        LocalDate day = MarketTime.tradingDate(ticks(1, 1).get(0).eventTime());
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.addAll(cache.reader().ticksOn("SYM" + i, day));
        }
        return out;
    }

    @Override
    protected boolean keepsEveryTick() {
        return true;
    }

    /** The Stream layout keeps every field the codec carries, exactly. */
    @Override
    protected void assertSameMarketData(Tick actual, Tick expected) {
        super.assertSameMarketData(actual, expected);
        assertThat(actual).isEqualTo(expected);
    }

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }
}
