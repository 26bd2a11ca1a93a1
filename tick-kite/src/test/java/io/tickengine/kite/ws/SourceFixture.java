package io.tickengine.kite.ws;

import io.tickengine.core.source.SourceState;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.kite.testing.Await;
import io.tickengine.kite.testing.RecordingListener;
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
                .reconnectInitialDelay(Duration.ofMillis(20)).reconnectMaxDelay(Duration.ofMillis(100))
                .watchdogTimeout(Duration.ofSeconds(2));
    }

    KiteTickSource start(KiteOptions.Builder options) {
        source = KiteTickSource.create(options.build());
        source.start(listener);
        return source;
    }

    void awaitState(SourceState state) {
        Await.until("state " + state, Duration.ofSeconds(10), () -> source.status().state() == state,
                () -> "; status was " + source.status());
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
