package io.tickengine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;

/** The tick sink passes the kit in the legacy List-of-TickDto layout too. */
class RedisTickSinkLegacyListContractIT extends RedisTickSinkContractIT {
    @Override
    protected RedisCacheOptions.Builder options() {
        return super.options().legacyTickList(true);
    }

    /** TickDto carries symbol, token, time, last price, volume and OHLC. */
    @Override
    protected void assertSameMarketData(Tick actual, Tick expected) {
        assertThat(actual.instrumentToken()).isEqualTo(expected.instrumentToken());
        assertThat(actual.lastPriceDecimal()).isEqualByComparingTo(expected.lastPriceDecimal());
        assertThat(actual.volume()).isEqualTo(expected.volume());
        assertThat(actual.ingestSequence()).isEqualTo(expected.ingestSequence());
        assertThat(actual.open()).isEqualTo(expected.open());
        assertThat(actual.eventTime()).isEqualTo(expected.eventTime());
        assertThat(actual.tradingSymbol()).isEqualTo(expected.tradingSymbol());
    }
}
