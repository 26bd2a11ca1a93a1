package io.tickengine.kite.ws;

import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.feed.ws.testing.FeedFixture;
import io.tickengine.kite.sim.KiteSimulator;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A simulator on an ephemeral loopback port, a source pointed at it with fast retries, and a recorder. */
abstract class SourceFixture extends FeedFixture<KiteSimulator, KiteTickSource> {
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
        return start(KiteTickSource.create(options.build()));
    }
}
