package io.tickengine.server;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tickengine.server.browser.Chromium;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;

import static org.awaitility.Awaitility.await;

/** The market-watch page with authentication on: it asks for a token once and keeps it for the session. */
class DashboardAuthIT {
    static final String SECRET = "a-dashboard-hs256-secret-of-32-bytes!";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static TickServer server;
    static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Path binary = Chromium.requireBinary();
        server = TickServer.create(ServerOptions.builder().port(0).sqlitePath(dir.resolve("ticks.db"))
                .jwtHs256Secret(SECRET).build()).start();
        browser = Chromium.launch(binary, Files.createDirectories(dir.resolve("profile")), 1200, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shouldAskForATokenOnceAndKeepItForTheSession() throws Exception {
        String url = "http://127.0.0.1:" + server.port() + "/";
        browser.open(url);
        awaitTrue("!document.getElementById('token-form').hidden");
        browser.eval("document.getElementById('token-input').focus()");
        browser.type("not-a-token");
        browser.press("Enter");
        awaitTrue("document.getElementById('token-error').textContent.includes('not accepted')");

        browser.eval("document.getElementById('token-input').value = ''");
        browser.type(token());
        browser.press("Enter");
        awaitTrue("document.getElementById('status').dataset.state === 'live'");
        awaitTrue("document.getElementById('token-form').hidden");
        awaitTrue("/\\d/.test(document.querySelector('#watch tr[data-symbol=\"NSE:INFY\"] .ltp').textContent)");

        browser.send("Page.reload", java.util.Map.of());
        awaitTrue("document.readyState === 'complete' && document.getElementById('status').dataset.state === 'live'");
        awaitTrue("document.getElementById('token-form').hidden");
    }

    static void awaitTrue(String expression) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).alias(expression)
                .ignoreExceptions().until(() -> browser.eval(expression).asBoolean());
    }

    static String token() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("viewer").claim("roles", java.util.List.of())
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
