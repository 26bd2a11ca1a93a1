package io.tickengine.examples.server;

import io.tickengine.server.TickServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runs the embedded-server example in demo mode (the Kite simulator as feed) and checks its extra sink. */
class EmbeddedServerExampleIT {
    @TempDir
    Path dir;

    @Test
    void shouldFeedTheExtraSinkBesideTheServersOwn() throws Exception {
        TickCountSink counts = new TickCountSink();
        try (TickServer server = EmbeddedServerExample.start(0, dir, counts)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> counts.count("NSE:INFY") > 0);
            HttpResponse<String> latest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/ticks/latest?symbols=INFY")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(latest.body()).contains("\"tradingsymbol\":\"INFY\"");
            assertThat(server.engine().stats().tickSinks()).anySatisfy(s -> assertThat(s.name()).isEqualTo("tick-counts"));
        }
        assertThat(counts.total()).isPositive();
    }
}
