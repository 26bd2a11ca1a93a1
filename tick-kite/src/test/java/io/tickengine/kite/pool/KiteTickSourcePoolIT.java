package io.tickengine.kite.pool;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.feed.ws.testing.RecordingListener;
import io.tickengine.kite.ws.KiteOptions;
import io.tickengine.kite.ws.TooManyInstrumentsException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool against the simulator: spreading, several accounts, a refused account, no room left. */
class KiteTickSourcePoolIT {
    KiteSimulator sim;
    KiteTickSourcePool pool;
    final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    KiteSimulator simulator(String... extraAccounts) {
        KiteSimulator.Builder b = KiteSimulator.builder().tickInterval(Duration.ofMillis(100));
        for (String a : extraAccounts) {
            b.account("key-" + a, "token-" + a);
        }
        sim = b.start();
        return sim;
    }

    KitePoolOptions.Builder options() {
        return KitePoolOptions.builder().url(sim.uri()).watchdogTimeout(Duration.ofSeconds(2))
                .reconnectPolicy(KiteOptions.DEFAULT_RECONNECT_POLICY.mutate().initialDelay(Duration.ofMillis(20))
                        .maxDelay(Duration.ofMillis(100)).build());
    }

    KiteTickSourcePool start(KitePoolOptions.Builder options) {
        pool = KiteTickSourcePool.create(options.build());
        pool.start(listener);
        return pool;
    }

    static List<Long> tokens(long from, long to) {
        return LongStream.rangeClosed(from, to).map(i -> i << 8 | 1).boxed().toList();
    }

    static long token(long i) {
        return i << 8 | 1;
    }

    @Test
    void shouldSpread7000InstrumentsOverThreeConnectionsOfOneKey() {
        simulator();
        start(options().account("main", sim.apiKey(), sim.accessToken()));

        pool.subscribe(tokens(1, 7000), TickMode.LTP);

        await("three full connections on the server").until(() -> sim.subscriptions().size() == 7000);
        assertThat(sim.connectionsPerApiKey()).isEqualTo(Map.of(sim.apiKey(), 3));
        assertThat(sim.subscriptionSizes(sim.apiKey())).containsExactlyInAnyOrder(3000, 3000, 1000);
        await("ticks from every connection").until(() -> listener.has(0, token(1), TickMode.LTP)
                && listener.has(0, token(3001), TickMode.LTP) && listener.has(0, token(7000), TickMode.LTP));
        await("the pool connected").until(() -> pool.status().state() == SourceState.CONNECTED
                && pool.status().detail().startsWith("3 of 3 connections up"));
        assertThat(pool.connections()).extracting(KiteConnectionStatus::instruments).containsExactly(3000, 3000, 1000);
        assertThat(pool.connections()).extracting(c -> c.status().state()).containsOnly(SourceState.CONNECTED);

        assertThatThrownBy(() -> pool.subscribe(tokens(7001, 9001), TickMode.LTP))
                .isInstanceOf(TooManyInstrumentsException.class).hasMessageContaining("room for 2000 more");
        assertThat(pool.subscriptions()).hasSize(7000);

        pool.unsubscribe(tokens(1, 3000));
        await("the emptied connection to close").until(() -> sim.connections() == 2);
        pool.subscribe(tokens(9001, 9500), TickMode.QUOTE);
        await("the newcomers on an open connection").until(() -> sim.subscriptions().size() == 4500);
        assertThat(sim.connections()).isEqualTo(2);
        assertThat(sim.subscriptionSizes(sim.apiKey())).containsExactlyInAnyOrder(3000, 1500);
    }

    @Test
    void shouldStreamThroughSeveralAccounts() {
        simulator("b");
        start(options().account("a", sim.apiKey(), sim.accessToken()).account("b", "key-b", "token-b")
                .instrumentsPerConnection(100).connectionsPerAccount(2));

        pool.subscribe(tokens(1, 350), TickMode.QUOTE);

        await("all on the server").until(() -> sim.subscriptions().size() == 350);
        assertThat(sim.connectionsPerApiKey()).isEqualTo(Map.of(sim.apiKey(), 2, "key-b", 2));
        assertThat(pool.connections()).extracting(KiteConnectionStatus::account).containsExactly("a", "a", "b", "b");
        await("ticks of the first and last").until(() -> listener.has(0, token(1), TickMode.QUOTE)
                && listener.has(0, token(350), TickMode.QUOTE));
        assertThatThrownBy(() -> pool.subscribe(tokens(351, 401), TickMode.QUOTE))
                .isInstanceOf(TooManyInstrumentsException.class);
    }

    @Test
    void shouldKeepStreamingAndTakeOverWhenKiteRefusesOneAccount() {
        simulator("b");
        start(options().account("a", sim.apiKey(), sim.accessToken()).account("b", "key-b", "token-b")
                .instrumentsPerConnection(100));
        pool.subscribe(tokens(1, 250), TickMode.LTP);
        await("all streaming").until(() -> sim.subscriptions().size() == 250);
        assertThat(sim.connectionsPerApiKey()).isEqualTo(Map.of(sim.apiKey(), 2, "key-b", 1));

        sim.revoke("key-b");

        await("account b given up").until(() -> pool.failedAccounts().equals(List.of("b")));
        await("its instruments back on account a").until(() -> sim.subscriptions().size() == 250);
        assertThat(sim.connectionsPerApiKey()).isEqualTo(Map.of(sim.apiKey(), 3));
        int mark = listener.tickCount();
        await("every instrument ticking again").until(() -> LongStream.rangeClosed(1, 250)
                .allMatch(i -> listener.has(mark, token(i), TickMode.LTP)));
        assertThat(pool.unassigned()).isEmpty();
        await("the pool says so").until(() -> pool.status().detail().contains("Kite refused accounts [b]"));
        assertThat(pool.status().state()).isEqualTo(SourceState.CONNECTED);
        assertThat(pool.connections()).extracting(KiteConnectionStatus::account).containsOnly("a");
        assertThat(pool.closedConnectionStats().connectAttempts()).as("account b's closed connection keeps its counts")
                .isPositive();
        assertThat(pool.connections().subList(0, 2)).as("account a's first connections streamed on undisturbed")
                .allMatch(c -> c.stats().reconnects() == 0 && c.stats().connectAttempts() == 1);
    }

    @Test
    void shouldReportInstrumentsWithoutRoomAsUnassigned() {
        simulator();
        start(options().account("a", sim.apiKey(), sim.accessToken()).account("b", "key-b", "wrong-token")
                .instrumentsPerConnection(100).connectionsPerAccount(1));
        pool.subscribe(tokens(1, 150), TickMode.LTP);

        await("b refused").until(() -> pool.failedAccounts().equals(List.of("b")));
        await("50 without room").until(() -> pool.unassigned().size() == 50);
        assertThat(pool.unassigned()).containsExactlyInAnyOrderElementsOf(tokens(101, 150));
        await("the status says so").until(() -> pool.status().detail().contains("50 instruments unassigned"));
        await("a streams its 100").until(() -> listener.has(0, token(100), TickMode.LTP));

        pool.unsubscribe(tokens(1, 60));

        await("the waiting ones placed").until(() -> pool.unassigned().isEmpty());
        await("the server has them").until(() -> sim.subscriptions().keySet().containsAll(tokens(101, 150)));
        assertThat(sim.subscriptions()).hasSize(90);
        assertThat(listener.statuses()).extracting(SourceStatus::source).containsOnly(pool.name());
    }

    @Test
    void shouldStopAtAuthFailedWhenKiteRefusesEveryAccount() {
        simulator();
        start(options().account("a", sim.apiKey(), "expired"));
        pool.subscribe(tokens(1, 10), TickMode.LTP);

        await("AUTH_FAILED").until(() -> pool.status().state() == SourceState.AUTH_FAILED);

        assertThat(pool.unassigned()).hasSize(10);
        assertThat(pool.capacity()).isZero();
        assertThat(pool.status().detail()).doesNotContain("expired");
        pool.close();
        assertThat(pool.status().state()).isEqualTo(SourceState.STOPPED);
        assertThatThrownBy(() -> pool.subscribe(tokens(11, 11), TickMode.LTP)).isInstanceOf(IllegalStateException.class);
    }
}
