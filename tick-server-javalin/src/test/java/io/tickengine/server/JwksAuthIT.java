package io.tickengine.server;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** RS256 against a JWKS URL served by a local HTTP server, including key rotation by {@code kid}. */
class JwksAuthIT {
    @TempDir
    static Path dir;
    static HttpServer jwks;
    static final AtomicReference<String> published = new AtomicReference<>();
    static final AtomicInteger fetches = new AtomicInteger();
    static TickServer server;
    static RSAKey first;

    @BeforeAll
    static void start() throws Exception {
        first = new RSAKeyGenerator(2048).keyID("key-1").generate();
        published.set(new JWKSet(first.toPublicJWK()).toString());
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", ex -> {
            fetches.incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        jwks.start();
        URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
        server = TickServer.create(ServerOptions.builder().port(0).sqlitePath(dir.resolve("t.db")).jwtJwksUrl(url).build())
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        jwks.stop(0);
    }

    static String token(RSAKey key, String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("email", subject + "@example.com")
                .claim("roles", List.of("user")).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String ws(String token) {
        return "ws://127.0.0.1:" + server.port() + "/ws/ticks?token=" + token;
    }

    @Test
    void shouldAcceptRs256TokensAndFollowKeyRotationByKid() throws Exception {
        try (WsClient c = WsClient.connect(ws(token(first, "alice")))) {
            assertThat(c.next()).contains("\"type\":\"connected\"", "\"user_id\":\"alice\"");
        }
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("key-1").generate();
        try (WsClient c = WsClient.connect(ws(token(stranger, "mallory")))) {
            assertThat(c.closeStatus()).startsWith("1008 Authentication failed:");
        }

        RSAKey second = new RSAKeyGenerator(2048).keyID("key-2").generate();
        published.set(new JWKSet(List.of(second.toPublicJWK(), first.toPublicJWK())).toString());
        int before = fetches.get();
        try (WsClient c = WsClient.connect(ws(token(second, "bob")))) {
            assertThat(c.next()).contains("\"type\":\"connected\"", "\"user_id\":\"bob\"");
        }
        assertThat(fetches.get()).as("an unknown kid refetches the key set").isGreaterThan(before);
        try (WsClient c = WsClient.connect(ws(token(first, "alice")))) {
            assertThat(c.next()).contains("\"user_id\":\"alice\"");
        }
    }
}
