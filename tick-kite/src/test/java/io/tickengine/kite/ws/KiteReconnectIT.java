package io.tickengine.kite.ws;

import static io.tickengine.core.TickMode.FULL;
import static io.tickengine.core.TickMode.LTP;
import static io.tickengine.core.TickMode.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import static io.tickengine.feed.ws.testing.Awaits.await;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Failures: drops, silence, refused credentials, exhausted retries, corrupt frames, racing subscribers. */
class KiteReconnectIT extends SourceFixture {
    static final long INFY = 408065;
    static final long RELIANCE = 738561;

    @Test
    void shouldReconnectAndResubscribeInTheSameModesAfterADrop() {
        simulator(b -> b);
        start(options());
        source.subscribe(List.of(INFY), FULL);
        source.subscribe(List.of(RELIANCE), LTP);
        await("ticks of both").until(() -> listener.has(0, INFY, FULL) && listener.has(0, RELIANCE, LTP));

        sim.dropAllConnections();

        await("a reconnect").until(() -> source.stats().reconnects() == 1);
        await("the server to have both again").until(() -> sim.subscriptions().equals(Map.of(INFY, FULL, RELIANCE, LTP)));
        int mark = listener.tickCount();
        await("ticks of both after the reconnect").until(() -> listener.has(mark, INFY, FULL) && listener.has(mark, RELIANCE, LTP));
        assertThat(listener.saw(SourceState.RECONNECTING)).isTrue();
        assertThat(source.status().state()).isEqualTo(SourceState.CONNECTED);
        assertThat(sim.connections()).isEqualTo(1);
    }

    @Test
    void shouldReconnectWhenTheConnectionFallsSilent() {
        simulator(b -> b);
        start(options().watchdogTimeout(Duration.ofMillis(500)));
        source.subscribe(List.of(INFY), QUOTE);
        await("a tick").until(() -> listener.has(0, INFY, QUOTE));

        sim.stall();

        await("the watchdog to close the silent connection").until(() -> source.stats().watchdogCloses() == 1);
        await("a reconnect").until(() -> source.stats().reconnects() == 1);
        int mark = listener.tickCount();
        await("ticks again").until(() -> listener.count(mark, INFY, QUOTE) >= 2);
        assertThat(listener.statuses()).extracting(SourceStatus::detail).anyMatch(d -> d.contains("watchdog"));
    }

    @Test
    void shouldStopAtAuthFailedWithoutRetrying() {
        simulator(b -> b);
        start(options().accessToken("expired-token-xyz"));

        awaitState(SourceState.AUTH_FAILED);

        await("no further handshakes").during(Duration.ofMillis(400)).until(() -> sim.handshakes() == 1);
        assertThat(source.stats().connectAttempts()).isEqualTo(1);
        assertThat(source.status().detail()).contains("403").doesNotContain("expired-token-xyz");
        assertThat(source.status().state().isTerminal()).isTrue();
    }

    @Test
    void shouldFailAfterTheLastReconnectAttempt() {
        simulator(b -> b);
        sim.rejectNextHandshakes(1000);
        start(options().reconnectPolicy(fastRetries().maxAttempts(3).build()));

        awaitState(SourceState.FAILED);

        assertThat(sim.handshakes()).isEqualTo(4);
        assertThat(source.status().detail()).contains("gave up after 3 reconnect attempts").contains("503");
        await("no further handshakes").during(Duration.ofMillis(300)).until(() -> sim.handshakes() == 4);
        assertThat(listener.statuses()).extracting(SourceStatus::state).filteredOn(s -> s == SourceState.RECONNECTING)
                .hasSize(3);
    }

    @Test
    void shouldCountAMalformedFrameAndKeepStreaming() {
        simulator(b -> b);
        start(options()).subscribe(List.of(RELIANCE), QUOTE);
        await("a tick").until(() -> listener.has(0, RELIANCE, QUOTE));
        int mark = listener.tickCount();

        sim.sendMalformedFrame();

        await("the parse error to be counted").until(() -> source.stats().parseErrors() == 1);
        await("the good packet before the damage").until(() -> listener.has(mark, INFY, LTP));
        int after = listener.tickCount();
        await("ticks after the bad frame").until(() -> listener.count(after, RELIANCE, QUOTE) >= 2);
        assertThat(source.stats().reconnects()).isZero();
        assertThat(source.status().state()).isEqualTo(SourceState.CONNECTED);
    }

    @Test
    void shouldEndWithExactlyTheDesiredSetAfterConcurrentChangesDuringReconnects() throws Exception {
        simulator(b -> b.tickInterval(Duration.ofMillis(50)));
        start(options());
        awaitState(SourceState.CONNECTED);
        int threads = 8;
        AtomicBoolean dropsDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Map<Long, TickMode>>> work = IntStream.range(0, threads)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> churn(i, dropsDone), pool)).toList();
        for (int drop = 1; drop <= 3; drop++) {
            // The client may report the handshake before the server has registered the connection.
            await("the server to see connection " + drop).until(() -> sim.connections() == 1);
            sim.dropAllConnections();
            long reconnects = drop;
            await("reconnect " + drop).until(() -> source.stats().reconnects() >= reconnects);
        }
        dropsDone.set(true);
        Map<Long, TickMode> expected = new HashMap<>();
        for (CompletableFuture<Map<Long, TickMode>> w : work) {
            expected.putAll(w.get());
        }
        pool.shutdown();

        assertThat(source.subscriptions()).isEqualTo(expected);
        await("the server to match the desired set")
                .untilAsserted(() -> assertThat(sim.subscriptions()).isEqualTo(expected));
    }

    /**
     * Random subscribes, mode switches and unsubscribes on tokens only this worker touches, until the
     * drops are over; returns the end state.
     */
    private Map<Long, TickMode> churn(int worker, AtomicBoolean stop) {
        Random random = new Random(worker);
        Map<Long, TickMode> model = new HashMap<>();
        TickMode[] modes = {TickMode.LTP, TickMode.QUOTE, TickMode.FULL}; // the modes Kite has
        for (int op = 0; op < 300 || !stop.get(); op++) {
            List<Long> tokens = IntStream.range(0, 1 + random.nextInt(5))
                    .mapToObj(k -> ((long) (worker * 1000 + random.nextInt(60) + 1) << 8) | 1).distinct().toList();
            if (random.nextInt(3) == 0) {
                source.unsubscribe(tokens);
                tokens.forEach(model::remove);
            } else {
                TickMode mode = modes[random.nextInt(modes.length)];
                source.subscribe(tokens, mode);
                tokens.forEach(t -> model.put(t, mode));
            }
            if (op % 20 == 0) {
                LockSupport.parkNanos(100_000);
            }
        }
        return model;
    }
}
