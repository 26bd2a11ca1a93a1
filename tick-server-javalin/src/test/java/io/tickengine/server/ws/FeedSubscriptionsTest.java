package io.tickengine.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.TickMode;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedSubscriptionsTest {
    private final PushTickSource kite = PushTickSource.create("kite");
    private final PushTickSource angelOne = PushTickSource.create("angelone");

    @Test
    void pinnedInstrumentsStayWhileOnDemandOnesAreReferenceCounted() {
        FeedSubscriptions subs = new FeedSubscriptions(t -> kite, TickMode.QUOTE);
        subs.pin(List.of(1L, 2L));
        subs.acquire(List.of(2L, 3L));
        subs.acquire(List.of(3L));

        assertThat(kite.subscriptions()).isEqualTo(Map.of(1L, TickMode.QUOTE, 2L, TickMode.QUOTE, 3L, TickMode.QUOTE));
        assertThat(subs.size()).isEqualTo(3);
        assertThat(subs.onDemand()).isEqualTo(1);

        subs.release(List.of(2L, 3L));
        assertThat(kite.subscriptions()).as("2 is pinned, 3 still has a client").containsOnlyKeys(1L, 2L, 3L);
        subs.release(List.of(3L));
        assertThat(kite.subscriptions()).containsOnlyKeys(1L, 2L);
        assertThat(subs.onDemand()).isZero();
        assertThat(subs.failedInstruments()).isZero();
    }

    @Test
    void eachInstrumentGoesToTheFeedTheRouterNames() {
        FeedSubscriptions subs = new FeedSubscriptions(t -> t < 100 ? kite : angelOne, TickMode.FULL);
        subs.acquire(List.of(5L, 500L, 7L));

        assertThat(kite.subscriptions()).containsOnlyKeys(5L, 7L);
        assertThat(angelOne.subscriptions()).containsOnlyKeys(500L);
    }

    @Test
    void aFeedThatRefusesIsCountedPerInstrumentAndTheOtherFeedStillGetsItsShare() {
        TickSource refusing = new Refusing();
        FeedSubscriptions subs = new FeedSubscriptions(t -> t < 100 ? refusing : angelOne, TickMode.FULL);
        subs.acquire(List.of(1L, 2L, 300L));

        assertThat(subs.failedInstruments()).isEqualTo(2);
        assertThat(angelOne.subscriptions()).containsOnlyKeys(300L);
    }

    /** A feed at its limit: every call is refused. */
    private static final class Refusing implements TickSource {
        @Override
        public String name() {
            return "full";
        }

        @Override
        public void start(TickListener listener) {
        }

        @Override
        public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
            throw new IllegalStateException("instrument limit reached");
        }

        @Override
        public void unsubscribe(Collection<Long> instrumentTokens) {
            throw new IllegalStateException("closed");
        }

        @Override
        public SourceStatus status() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
