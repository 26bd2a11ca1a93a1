package io.tickengine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.engine.SinkStats;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.testkit.PostgresDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With DB_URL the server stores ticks and candles in PostgreSQL instead of SQLite, and reports it in health. */
class TimescaleBackendIT {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path dir;

    @Test
    void shouldPersistEveryAcceptedTickInPostgresWhenDbUrlIsSet() throws Exception {
        ServerOptions options = ServerOptions.builder().port(0).sqlitePath(dir.resolve("unused.db"))
                .dbUrl(db.jdbcUrl()).build();
        TickServer server = TickServer.create(options).start();
        long delivered;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> storeSink(server).delivered() > 500);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"kind\":\"timescale\"");
            // Seed 000's persistence metrics follow the database in use, not SQLite's sink.
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(value(metrics, "tickengine_ticks_persisted_total")).isGreaterThan(0);
            assertThat(value(metrics, "tickengine_persistence_duration_seconds_count")).isGreaterThan(0);
            assertThat(value(metrics, "tickengine_persistence_duration_seconds_sum")).isGreaterThan(0);
        } finally {
            assertThat(server.stop()).isTrue();
        }
        delivered = storeSink(server).delivered();

        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM kite_ticks_data")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(delivered);
        }
    }

    /** The value of an unlabelled sample in Prometheus text. */
    private static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    private static SinkStats storeSink(TickServer server) {
        return server.engine().stats().tickSinks().stream().filter(s -> s.name().equals("timescale-ticks"))
                .findFirst().orElseThrow();
    }
}
