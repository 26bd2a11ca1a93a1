package io.tickengine.server.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Shared encodings: one per tick, dialect and form, for any number of clients. */
class SharedTickTest {
    static Tick tick(long price) {
        return Tick.builder().instrumentToken(408_065).mode(TickMode.LTP).priceScale(2).lastPrice(price).build();
    }

    @Test
    void shouldEncodeATickOnceForEveryClientOfADialectAndForm() {
        SharedTick shared = new SharedTick(tick(150_005));
        AtomicInteger encodings = new AtomicInteger();
        for (int client = 0; client < 1000; client++) {
            assertThat(shared.encoded(Dialect.TICKS, SharedTick.Form.JSON_FRAME,
                    x -> ("ticks-" + encodings.incrementAndGet()).getBytes(UTF_8))).asString(UTF_8).isEqualTo("ticks-1");
            assertThat(shared.encoded(Dialect.TICKS, SharedTick.Form.JSON_DATA,
                    x -> ("data-" + encodings.incrementAndGet()).getBytes(UTF_8))).asString(UTF_8).isEqualTo("data-2");
        }
        assertThat(shared.encoded(Dialect.SYMBOLS, SharedTick.Form.JSON_FRAME, x -> "symbols ₹".getBytes(UTF_8)))
                .asString(UTF_8).isEqualTo("symbols ₹");
        assertThat(shared.encoded(Dialect.SYMBOLS, SharedTick.Form.JSON_FRAME, x -> "again".getBytes(UTF_8)))
                .asString(UTF_8).isEqualTo("symbols ₹");
        assertThat(shared.encoded(Dialect.SYMBOLS, SharedTick.Form.MSGPACK_DATA, x -> new byte[] {1}))
                .containsExactly(1);
        assertThat(encodings).hasValue(2);
    }

    @Test
    void shouldUnwrapToTheTickAndLeaveOtherUpdatesAlone() {
        Tick t = tick(100);
        assertThat(SharedTick.unwrap(new SharedTick(t))).isSameAs(t);
        assertThat(SharedTick.unwrap("candle")).isEqualTo("candle");
    }
}
