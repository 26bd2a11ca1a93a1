package io.tickengine.angelone.ws;

import io.tickengine.angelone.sim.AngelOneSimulator;
import io.tickengine.feed.ws.testing.FeedFixture;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A simulator on an ephemeral loopback port, a source pointed at it with fast retries, and a recorder. */
abstract class SourceFixture extends FeedFixture<AngelOneSimulator, AngelOneTickSource> {
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
        return start(AngelOneTickSource.create(options.build()));
    }
}
