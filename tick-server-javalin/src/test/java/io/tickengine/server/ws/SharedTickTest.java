package io.tickengine.server.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Shared default-format frames: one encoding per tick and dialect, for any number of clients. */
class SharedTickTest {
    static Tick tick(long price) {
        return Tick.builder().instrumentToken(408_065).mode(TickMode.LTP).priceScale(2).lastPrice(price).build();
    }

    @Test
    void shouldEncodeATickOnceForEveryClientOfADialect() {
        SharedTick shared = new SharedTick(tick(150_005));
        AtomicInteger encodings = new AtomicInteger();
        for (int client = 0; client < 1000; client++) {
            assertThat(shared.frame(Dialect.TICKS, x -> "ticks-" + encodings.incrementAndGet())).asString(UTF_8)
                    .isEqualTo("ticks-1");
        }
        assertThat(shared.frame(Dialect.SYMBOLS, x -> "symbols ₹")).asString(UTF_8).isEqualTo("symbols ₹");
        assertThat(shared.frame(Dialect.SYMBOLS, x -> "again")).asString(UTF_8).isEqualTo("symbols ₹");
        assertThat(encodings).hasValue(1);
    }

    @Test
    void shouldUnwrapToTheTickAndLeaveOtherUpdatesAlone() {
        Tick t = tick(100);
        assertThat(SharedTick.unwrap(new SharedTick(t))).isSameAs(t);
        assertThat(SharedTick.unwrap("candle")).isEqualTo("candle");
    }
}
