package io.tickengine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.candle.CandleInterval;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RedisKeysTest {
    @Test
    void shouldNameKeysAsTheSeedsDo() {
        RedisKeys k = RedisKeys.withPrefix("");

        assertThat(k.tickHistory(LocalDate.of(2025, 12, 8), "NIFTY 50")).isEqualTo("ticks:2025-12-08:NIFTY 50");
        assertThat(k.tickChannel(256_265)).isEqualTo("ticks:256265");
        assertThat(k.latestTick(256_265)).isEqualTo("tick:latest:256265");
        assertThat(k.latestCandle(CandleInterval.S1, Exchange.NSE, 7)).isEqualTo("candle:1s:latest:NSE:7");
        assertThat(k.candleStream(CandleInterval.M5, Exchange.NFO, 7)).isEqualTo("candle:5m:stream:NFO:7");
        assertThat(k.candleChannel(CandleInterval.S1, null, 7)).isEqualTo("pub:candle:1s:NA:7");
        assertThat(k.instruments(InstrumentList.NSE_INDICES)).isEqualTo("instruments:nse:indices");
        assertThat(k.instruments(InstrumentList.NSE_STOCKS)).isEqualTo("instruments:nse:stocks");
    }

    @Test
    void shouldPrefixEveryNameAndEscapeThePatternPrefix() {
        RedisKeys k = RedisKeys.withPrefix("t[1]*:");

        assertThat(k.tickChannel(5)).isEqualTo("t[1]*:ticks:5");
        assertThat(k.instruments(InstrumentList.NSE_STOCKS)).startsWith("t[1]*:");
        assertThat(k.tickChannelPattern()).isEqualTo("t\\[1\\]\\*:ticks:*");
        assertThat(k.tokenOfTickChannel("t[1]*:ticks:256265")).isEqualTo(256_265);
        assertThat(k.tokenOfTickChannel("t[1]*:ticks:x")).isEqualTo(-1);
        assertThat(k.tokenOfTickChannel("ticks:5")).isEqualTo(-1);
    }
}
