package io.tickengine.angelone.ws;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.angelone.parse.AngelOneTokens;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.angelone.pool.AngelOneTickSourcePool;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool spreads tokens over at most three connections and enforces the pool-wide limits. */
class AngelOneTickSourcePoolIT extends SourceFixture {
    AngelOneTickSourcePool pool;

    static List<Long> tokens(int from, int to) {
        return LongStream.rangeClosed(from, to).map(i -> AngelOneTokens.syntheticId(ExchangeType.NSE_CM, Long.toString(i)))
                .boxed().collect(Collectors.toList());
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void shouldSpreadTokensOverConnectionsUpToTheLimit() {
        simulator(b -> b);
        pool = AngelOneTickSourcePool.create(options().maxTokens(2).build(), 3);
        pool.start(listener);

        pool.subscribe(tokens(1, 5), TickMode.LTP);

        await("three connections").until(() -> sim.connections() == 3);
        await("every token on the server").until(() -> sim.subscriptions().size() == 5);
        assertThat(sim.subscriptionSizes()).containsExactlyInAnyOrder(2, 2, 1);
        await("ticks of the last token").until(() -> listener.has(0, tokens(5, 5).get(0), TickMode.LTP));
        await("pool connected").until(() -> pool.status().state() == SourceState.CONNECTED);

        pool.subscribe(tokens(6, 6), TickMode.QUOTE);
        assertThatThrownBy(() -> pool.subscribe(tokens(7, 7), TickMode.LTP))
                .isInstanceOf(SubscriptionLimitException.class).hasMessageContaining("at most 6");
        assertThat(pool.connections()).hasSize(3);
    }
}
