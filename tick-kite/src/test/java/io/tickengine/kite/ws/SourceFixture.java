package io.tickengine.kite.ws;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.source.SourceState;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.feed.ws.testing.RecordingListener;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/** A simulator on an ephemeral loopback port, a source pointed at it with fast retries, and a recorder. */
abstract class SourceFixture {
    KiteSimulator sim;
    KiteTickSource source;
    final RecordingListener listener = new RecordingListener();

    KiteSimulator simulator(UnaryOperator<KiteSimulator.Builder> settings) {
        sim = settings.apply(KiteSimulator.builder().tickInterval(Duration.ofMillis(20))).start();
        return sim;
    }

    KiteOptions.Builder options() {
        return KiteOptions.builder().url(sim.uri()).apiKey(sim.apiKey()).accessToken(sim.accessToken())
                .reconnectPolicy(fastRetries().build())
                .watchdogTimeout(Duration.ofSeconds(2));
    }

    /** The default policy with delays of 20 ms to 100 ms. */
    static ReconnectPolicy.Builder fastRetries() {
        return KiteOptions.DEFAULT_RECONNECT_POLICY.mutate().initialDelay(Duration.ofMillis(20))
                .maxDelay(Duration.ofMillis(100));
    }

    KiteTickSource start(KiteOptions.Builder options) {
        source = KiteTickSource.create(options.build());
        source.start(listener);
        return source;
    }

    void awaitState(SourceState state) {
        await("state " + state).untilAsserted(() -> assertThat(source.status().state()).as(source.status().toString())
                .isEqualTo(state));
    }

    @AfterEach
    void closeAll() {
        if (source != null) {
            source.close();
        }
        if (sim != null) {
            sim.close();
        }
    }
}
