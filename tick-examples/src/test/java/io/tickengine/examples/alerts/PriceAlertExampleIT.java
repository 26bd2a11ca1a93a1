package io.tickengine.examples.alerts;

import io.tickengine.kite.sim.KiteSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the price alert example against the Kite simulator over a real WebSocket. */
class PriceAlertExampleIT {
    @Test
    void shouldFireAlertsFromTheSimulatedFeed() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (KiteSimulator sim = KiteSimulator.builder().tickInterval(Duration.ofMillis(10)).start();
             PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            long fired = PriceAlertExample.run(sim, Duration.ofSeconds(30), 2, out);
            assertThat(fired).isGreaterThanOrEqualTo(2);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).containsPattern("ALERT \\w+ crossed (above|below) \\d+\\.\\d+: last \\d+\\.\\d+");
    }
}
