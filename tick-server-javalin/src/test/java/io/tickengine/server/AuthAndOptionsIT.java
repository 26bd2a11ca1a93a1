package io.tickengine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Authentication (1008 with seed 004's reasons, REST 401/403) and negotiated frames (MessagePack, batches, delta, resume). */
class AuthAndOptionsIT {
    static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!";
    static final String ADMIN_KEY = "admin-key-0123456789-0123456789-01";
    @TempDir
    static Path dir;
    static TickServer server;
    static long infy;

    @BeforeAll
    static void start() {
        server = TickServer.create(ServerOptions.builder().port(0).sqlitePath(dir.resolve("t.db")).jwtHs256Secret(SECRET)
                .adminApiKeys(List.of(ADMIN_KEY)).build()).start();
        infy = server.registry().bySymbol("NSE:INFY").orElseThrow().instrumentToken();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.latest().get(infy) != null);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static String token(long expiresInSeconds, String... roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user_123").claim("email", "user@example.com")
                .claim("name", "John Doe").claim("roles", List.of(roles))
                .expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static String ws(String query) {
        return "ws://127.0.0.1:" + server.port() + "/ws/ticks" + query;
    }

    static int status(String path, Map<String, String> headers, String method) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        headers.forEach(b::header);
        b.method(method, HttpRequest.BodyPublishers.noBody());
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void shouldCloseWith1008ForMissingInvalidAndExpiredTokens() throws Exception {
        try (WsClient c = WsClient.connect(ws(""))) {
            assertThat(c.closeStatus()).isEqualTo("1008 Missing authentication token");
        }
        try (WsClient c = WsClient.connect(ws("?token=garbage"))) {
            assertThat(c.closeStatus()).startsWith("1008 Authentication failed:");
        }
        try (WsClient c = WsClient.connect(ws("?token=" + token(-60)))) {
            assertThat(c.closeStatus()).isEqualTo("1008 Token expired");
        }
        try (WsClient c = WsClient.connect(ws(""), Map.of("Authorization", "Bearer " + token(600)), true)) {
            assertThat(c.next()).contains("\"type\":\"connected\"", "\"user_id\":\"user_123\"", "\"email\":\"user@example.com\"");
        }
    }

    @Test
    void shouldProtectRestAndAdminEndpoints() throws Exception {
        assertThat(status("/api/instruments?q=INF", Map.of(), "GET")).isEqualTo(401);
        assertThat(status("/api/instruments?q=INF", Map.of("Authorization", "Bearer " + token(600)), "GET")).isEqualTo(200);
        assertThat(status("/api/ticks/admin/refresh-instruments", Map.of("Authorization", "Bearer " + token(600)), "POST"))
                .isEqualTo(403);
        assertThat(status("/api/ticks/admin/refresh-instruments", Map.of("Authorization", "Bearer " + token(600, "admin")),
                "POST")).isEqualTo(200);
        assertThat(status("/api/ticks/admin/refresh-instruments", Map.of("X-API-Key", ADMIN_KEY), "POST")).isEqualTo(200);
        assertThat(status("/health", Map.of(), "GET")).isEqualTo(200);
    }

    @Test
    void shouldSendBatchedDeltaMessagePackFramesWhenNegotiated() throws Exception {
        try (WsClient c = WsClient.connect(ws("?token=" + token(600)))) {
            c.next();
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "],\"format\":\"msgpack\",\"batch\":10,\"delta\":true}");
            assertThat(c.nextContaining("subscribed")).contains("\"total\":1");
            ByteBuffer first = c.binary.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(first)) {
                assertThat(u.unpackMapHeader()).isEqualTo(2);
                assertThat(u.unpackString()).isEqualTo("type");
                assertThat(u.unpackString()).isEqualTo("ticks");
                assertThat(u.unpackString()).isEqualTo("data");
                assertThat(u.unpackArrayHeader()).isPositive();
            }
        }
    }

    @Test
    void shouldBatchJsonTicksWithTheSameItemsAsOneTickFrames() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (WsClient batched = WsClient.connect(ws("?token=" + token(600) + "&batch=5"));
             WsClient single = WsClient.connect(ws("?token=" + token(600)))) {
            batched.next();
            single.next();
            single.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}");
            single.nextContaining("subscribed");
            batched.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}");
            batched.nextContaining("subscribed");
            String frame = batched.nextContaining("\"type\":\"ticks\"");
            assertThat(frame).startsWith("{\"type\":\"ticks\",\"data\":[{\"instrument_token\":" + infy);
            JsonNode item = json.readTree(frame).path("data").get(0);
            long seq = item.path("sequence").asLong();
            // The one-tick client saw the same tick (same sequence): its data is the batched item exactly.
            JsonNode same = null;
            while (same == null) {
                JsonNode d = json.readTree(single.nextContaining("\"type\":\"tick\"")).path("data");
                assertThat(d.path("sequence").asLong()).isLessThanOrEqualTo(seq);
                same = d.path("sequence").asLong() == seq ? d : null;
            }
            assertThat(item).isEqualTo(same);
            assertThat(item.path("last_price").isNumber()).isTrue();
        }
    }

    @Test
    void shouldResumeFromALastSequenceOrReportAGap() throws Exception {
        long seq;
        try (WsClient c = WsClient.connect(ws("?token=" + token(600)))) {
            c.next();
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "]}");
            c.nextContaining("subscribed");
            seq = TickServerIT.number(c.nextContaining("\"type\":\"tick\""), "sequence");
        }
        try (WsClient c = WsClient.connect(ws("?token=" + token(600)))) {
            c.next();
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "],\"resume_from\":" + seq + "}");
            c.nextContaining("subscribed");
            long next = TickServerIT.number(c.nextContaining("\"type\":\"tick\""), "sequence");
            assertThat(next).isGreaterThan(seq);
        }
        try (WsClient c = WsClient.connect(ws("?token=" + token(600)))) {
            c.next();
            c.send("{\"action\":\"subscribe\",\"tokens\":[" + infy + "],\"resume_from\":1}");
            c.nextContaining("subscribed");
            assertThat(c.nextContaining("\"type\":\"gap\"")).contains("\"from_sequence\":1");
        }
    }
}
