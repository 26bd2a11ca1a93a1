package io.tickengine.angelone.ws;

import static io.tickengine.feed.ws.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.angelone.sim.AngelOneSimulator;
import io.tickengine.feed.ws.testing.RecordingListener;
import io.tickengine.core.source.SourceState;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/** A simulator on an ephemeral loopback port, a source pointed at it with fast retries, and a recorder. */
abstract class SourceFixture {
    AngelOneSimulator sim;
    AngelOneTickSource source;
    final RecordingListener listener = new RecordingListener();

    AngelOneSimulator simulator(UnaryOperator<AngelOneSimulator.Builder> settings) {
        sim = settings.apply(AngelOneSimulator.builder().tickInterval(Duration.ofMillis(20))).start();
        return sim;
    }

    AngelOneOptions.Builder options() {
        return AngelOneOptions.builder().url(sim.uri())
                .credentials(sim.jwt(), sim.apiKey(), sim.clientCode(), sim.feedToken())
                .reconnectPolicy(AngelOneOptions.DEFAULT_RECONNECT_POLICY.mutate().initialDelay(Duration.ofMillis(20))
                        .maxDelay(Duration.ofMillis(100)).build())
                .watchdogTimeout(Duration.ofSeconds(2));
    }

    AngelOneTickSource start(AngelOneOptions.Builder options) {
        source = AngelOneTickSource.create(options.build());
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
