package io.tickengine.server;

import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode with authentication off: the market data is open, the admin endpoints are not. */
class DemoAuthIT {
    @TempDir
    static Path dir;
    static TickServer server;

    @BeforeAll
    static void start() {
        server = TickServer.create(ServerOptions.builder().port(0).sqlitePath(dir.resolve("t.db")).build()).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static int status(String method, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void shouldServeDataButRefuseAdminEndpointsToAnonymousCallers() throws Exception {
        assertThat(server.options().demo()).isTrue();
        assertThat(status("GET", "/api/instruments?q=INF")).isEqualTo(200);
        assertThat(status("POST", "/api/ticks/admin/refresh-instruments")).isEqualTo(403);
    }
}
