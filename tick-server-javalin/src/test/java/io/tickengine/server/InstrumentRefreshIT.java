package io.tickengine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/ticks/admin/refresh-instruments} against a master file, readable and then gone. */
class InstrumentRefreshIT {
    static final String ADMIN_KEY = "admin-key-0123456789-0123456789-01";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TickServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shouldRefreshFromTheMasterAndAnswerAClearErrorWhenItCannotBeReadKeepingTheRegistry() throws Exception {
        Path master = dir.resolve("instruments.csv");
        try (InputStream in = getClass().getResourceAsStream("/io/tickengine/kite/instruments-sample.csv")) {
            Files.copy(in, master);
        }
        server = TickServer.create(ServerOptions.builder().port(0).sqlitePath(dir.resolve("t.db"))
                .kiteInstruments(master.toString()).adminApiKeys(List.of(ADMIN_KEY)).build()).start();
        int loaded = server.registry().size();
        assertThat(loaded).isPositive();

        HttpResponse<String> ok = refresh();
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.get("status").asText()).isEqualTo("Instrument cache refreshed successfully");
        assertThat(body.get("instruments").asLong()).isEqualTo(loaded);

        Files.delete(master);
        HttpResponse<String> failed = refresh();
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(failed.body());
        assertThat(problem.get("detail").asText())
                .startsWith("Failed to refresh cache: could not read instruments from")
                .contains(master.getFileName().toString());
        assertThat(server.registry().size()).isEqualTo(loaded);
        assertThat(server.registry().bySymbol("NSE:INFY")).isPresent();
    }

    private HttpResponse<String> refresh() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/ticks/admin/refresh-instruments"))
                .header("X-API-Key", ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
