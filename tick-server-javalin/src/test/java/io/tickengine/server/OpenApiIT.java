package io.tickengine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /openapi.json} is valid JSON, OpenAPI 3.1, and documents exactly the routes Javalin registered. */
class OpenApiIT {
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

    static JsonNode document() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void shouldDocumentEveryRegisteredRouteAndNothingElse() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        List<String> registered = server.routes();
        assertThat(registered).contains("GET /api/ticks/today/{symbol}", "POST /api/ticks/admin/refresh-instruments",
                "GET /health", "GET /metrics", "GET /openapi.json");
        List<String> documented = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void shouldDescribeHealthAnswersWithTheBodiesTheyHaveNotAsProblemDetails() throws Exception {
        JsonNode doc = document();
        JsonNode critical = doc.at("/paths/~1health/get/responses/503/content");
        assertThat(critical.fieldNames()).toIterable().containsExactly("application/json");
        assertThat(critical.at("/application~1json/schema/properties/status/enum").toString()).isEqualTo("[\"critical\"]");
        assertThat(critical.at("/application~1json/schema/required").toString()).contains("checks");
        assertThat(doc.at("/paths/~1health/get/responses/200/content/application~1json/schema/properties/status/enum")
                .toString()).isEqualTo("[\"ok\",\"degraded\"]");
        JsonNode notReady = doc.at("/paths/~1health~1ready/get/responses/503/content");
        assertThat(notReady.fieldNames()).toIterable().containsExactly("application/json");
        assertThat(notReady.at("/application~1json/schema/properties/status/enum").toString()).isEqualTo("[\"not_ready\"]");
        assertThat(doc.at("/paths/~1metrics/get/responses/200/content").fieldNames()).toIterable().containsExactly("text/plain");
        // Everything else that fails answers problem details.
        assertThat(doc.at("/paths/~1api~1ticks~1today~1{symbol}/get/responses/404/content").fieldNames()).toIterable()
                .containsExactly("application/problem+json");
    }

    @Test
    void shouldDescribeParametersAndProblemDetails() throws Exception {
        JsonNode doc = document();
        JsonNode historical = doc.at("/paths/~1api~1ticks~1historical/get");
        assertThat(historical.path("parameters").findValuesAsText("name")).contains("symbol", "startTime", "endTime", "limit");
        assertThat(historical.path("summary").asText()).contains("both included");
        for (JsonNode p : historical.path("parameters")) {
            if (p.path("name").asText().endsWith("Time")) {
                assertThat(p.path("description").asText()).as(p.path("name").asText()).contains("included");
            }
        }
        assertThat(historical.at("/responses/400/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        JsonNode symbol = doc.at("/paths/~1api~1candles~1{symbol}/get/parameters/0");
        assertThat(symbol.path("in").asText()).isEqualTo("path");
        assertThat(symbol.path("required").asBoolean()).isTrue();
        assertThat(doc.at("/paths/~1api~1ticks~1admin~1refresh-instruments/post/responses/403")).isNotNull();
        assertThat(doc.at("/components/schemas/Problem/properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "instance");
        assertThat(doc.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-API-Key");
    }
}
