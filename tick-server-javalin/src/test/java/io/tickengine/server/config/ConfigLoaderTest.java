package io.tickengine.server.config;

import io.tickengine.core.TickMode;
import io.tickengine.server.TickServerMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void shouldStartInDemoModeWithoutConfiguration() {
        ServerOptions o = ConfigLoader.load(Map.of(), null);
        assertThat(o.demo()).isTrue();
        assertThat(o.port()).isEqualTo(ServerOptions.DEFAULT_PORT);
        assertThat(o.tickMode()).isEqualTo(TickMode.FULL);
        assertThat(o.authEnabled()).isFalse();
        assertThat(o.redisUrl()).isNull();
        assertThat(o.redisKeyPrefix()).isEmpty();
    }

    @Test
    void shouldMapTheRedisUrlAndKeyPrefix() {
        ServerOptions o = ConfigLoader.load(Map.of("REDIS_URL", "redis://127.0.0.1:6379", "REDIS_KEY_PREFIX", "edge1:"),
                null);
        assertThat(o.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(o.redisKeyPrefix()).isEqualTo("edge1:");
    }

    @Test
    void shouldMapEnvironmentVariables() {
        ServerOptions o = ConfigLoader.load(Map.of("PORT", "9090", "KITE_API_KEY", "k", "KITE_ACCESS_TOKEN", "t",
                "API_KEYS", "a,b", "WS_SLOW_CLIENT_TIMEOUT", "3s", "TICK_MODE", "quote", "PATH", "/usr/bin"), null);
        assertThat(o.port()).isEqualTo(9090);
        assertThat(o.demo()).isFalse();
        assertThat(o.kiteAccounts()).singleElement().satisfies(a -> assertThat(a.apiKey()).isEqualTo("k"));
        assertThat(o.apiKeys()).containsExactly("a", "b");
        assertThat(o.wsLimits().slowClientTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.tickMode()).isEqualTo(TickMode.QUOTE);
    }

    @Test
    void shouldReadYamlWithSeveralAccountsAndLetEnvironmentWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, """
                port: 7070
                jwt:
                  hs256_secret: %s
                kite:
                  ws_url: wss://ws.example.test
                  accounts:
                    - {id: one, api_key: k1, access_token: t1}
                    - {id: two, api_key: k2, access_token: t2}
                sqlite_path: /tmp/x.db
                """.formatted(SECRET));
        ServerOptions o = ConfigLoader.load(Map.of("PORT", "7171"), file);
        assertThat(o.port()).isEqualTo(7171);
        assertThat(o.kiteAccounts()).extracting(a -> a.id()).containsExactly("one", "two");
        assertThat(o.kiteWsUrl().getHost()).isEqualTo("ws.example.test");
        assertThat(o.jwtHs256Secret()).isEqualTo(SECRET);
        assertThat(o.sqlitePath()).isEqualTo(Path.of("/tmp/x.db"));
    }

    @Test
    void shouldNameTheKeyOfAMalformedValue() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PORT", "eighty"), null))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("PORT:")
                .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo("PORT"));
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KITE_WS_URL", "not a url"), null))
                .hasMessageStartingWith("KITE_WS_URL:");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KITE_API_KEY", "k"), null))
                .hasMessageStartingWith("KITE_ACCESS_TOKEN:");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("JWT_HS256_SECRET", "short"), null))
                .hasMessageStartingWith("JWT_HS256_SECRET:");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("RESUME_MAX_MB", "0"), null))
                .hasMessage("RESUME_MAX_MB: malformed value '0': must be at least 1");
    }

    @Test
    void shouldRefuseStoreAndCacheUrlsThatCannotWorkWithoutEchoingThem() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DB_URL", "postgres://u:pw@db:5432/ticks"), null))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DB_URL: malformed value '***': needs a PostgreSQL JDBC URL such as "
                        + "jdbc:postgresql://localhost:5432/ticks");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("REDIS_URL", "localhost:6379"), null))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("REDIS_URL: malformed value '***': needs a Redis URL such as redis://localhost:6379");
        ServerOptions o = ConfigLoader.load(Map.of("DB_URL", "jdbc:postgresql://db:5432/ticks",
                "REDIS_URL", "rediss://:pw@cache:6380/2"), null);
        assertThat(o.dbUrl()).isEqualTo("jdbc:postgresql://db:5432/ticks");
        assertThat(o.redisUrl()).isEqualTo("rediss://:pw@cache:6380/2");
        assertThat(ConfigLoader.load(Map.of("DB_URL", " ", "REDIS_URL", ""), null).dbUrl()).isNull();
    }

    @Test
    void shouldRefuseLimitsAndTimesThatCannotWork() {
        for (String key : List.of("WS_MAX_CONNECTIONS_PER_IP", "WS_MAX_SUBSCRIPTIONS", "WS_MAX_SUBSCRIBES_PER_SECOND",
                "WS_MAX_MESSAGE_BYTES", "WS_OUTBOUND_QUEUE")) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of(key, "0"), null))
                    .hasMessage(key + ": malformed value '0': must be at least 1");
            assertThatThrownBy(() -> ConfigLoader.load(Map.of(key, "-5"), null)).hasMessageStartingWith(key + ":");
        }
        for (String key : List.of("WS_SLOW_CLIENT_TIMEOUT", "SHUTDOWN_TIMEOUT", "HEALTH_STALE_TICK_AGE")) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of(key, "0s"), null))
                    .hasMessage(key + ": malformed value '0s': must be longer than zero");
        }
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("RESUME_WINDOW", "-1m"), null))
                .hasMessage("RESUME_WINDOW: malformed value '-1m': must not be negative");
        assertThat(ConfigLoader.load(Map.of("RESUME_WINDOW", "0s"), null).wsLimits().resumeWindow()).isZero();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PORT", "65536"), null))
                .hasMessage("PORT: malformed value '65536': must be a TCP port, 0 to 65535");
        assertThatThrownBy(() -> new WsLimits(100, 3000, 20, 65536, List.of(), 0, Duration.ofSeconds(10),
                Duration.ofMinutes(5), 1L << 20)).hasMessage("outboundQueue must be positive, was 0");
    }

    @Test
    void shouldBoundTheResumeBufferInMegabytes() {
        assertThat(ConfigLoader.load(Map.of(), null).wsLimits().resumeMaxBytes())
                .isEqualTo(WsLimits.DEFAULT_RESUME_MAX_BYTES);
        assertThat(ConfigLoader.load(Map.of("RESUME_MAX_MB", "64"), null).wsLimits().resumeMaxBytes())
                .isEqualTo(64L << 20);
    }

    @Test
    void shouldReportAMalformedYamlLineByPositionWithoutQuotingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, """
                port: 8080
                db_password: hunter2-db-secret: oops
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TickServerMain.Launch l = TickServerMain.parse(new String[] {"--config", file.toString()}, Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(l.exitCode()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1)
                .startsWith("tick-server: --config: " + file + " is not valid YAML at line 2, column ")
                .doesNotContain("hunter2");

        Files.writeString(file, "jwt_hs256_secret: \"an-unterminated-secret-0123456789abcdef\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), file)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("--config: " + file + " is not valid YAML at line ")
                .hasMessageNotContaining("an-unterminated-secret");
        Files.writeString(file, """
                api_keys:
                  sk-live-0123456789abcdef: admin
                """);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), file))
                .hasMessage("API_KEYS: must be a value or a list, not a map");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), dir.resolve("missing.yaml")))
                .hasMessage("--config: " + dir.resolve("missing.yaml") + " does not exist");
    }

    @Test
    void shouldNotEchoTokensInAMalformedUrl() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KITE_WS_URL",
                "wss://ws.kite.trade/?api_key=k1&access_token=tok secret"), null))
                .hasMessageStartingWith("KITE_WS_URL: malformed value 'wss://ws.kite.trade/?***': not a URL")
                .hasMessageNotContaining("tok").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("JWT_JWKS_URL", "https://user:pass word@idp/jwks"), null))
                .hasMessageStartingWith("JWT_JWKS_URL: malformed value 'https://***@idp/jwks'")
                .hasMessageNotContaining("pass");
    }

    @Test
    void shouldRejectUnknownYamlKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "prot: 80\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), file)).hasMessageStartingWith("PROT:");
    }

    @Test
    void shouldRefuseProductionWithoutAuthOrWithShortKeys() {
        Map<String, String> base = Map.of("ENVIRONMENT", "production", "KITE_API_KEY", "k", "KITE_ACCESS_TOKEN", "t");
        assertThatThrownBy(() -> ConfigLoader.load(base, null)).hasMessageContaining("without authentication");
        Map<String, String> shortKey = new java.util.HashMap<>(base);
        shortKey.put("API_KEYS", "too-short");
        assertThatThrownBy(() -> ConfigLoader.load(shortKey, null)).hasMessageStartingWith("API_KEYS:")
                .hasMessageContaining("32");
        shortKey.put("API_KEYS", "x".repeat(32));
        assertThat(ConfigLoader.load(shortKey, null).authEnabled()).isTrue();
    }

    @Test
    void shouldRefuseAuthOffOutsideDemoMode() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("KITE_API_KEY", "k", "KITE_ACCESS_TOKEN", "t"), null))
                .hasMessageContaining("only in demo mode");
    }

    @Test
    void shouldNotTakeFeedNoneForDemoMode() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("FEED", "none"), null))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("JWT_HS256_SECRET:")
                .hasMessageContaining("only in demo mode").hasMessageContaining("FEED=none");
        ServerOptions o = ConfigLoader.load(Map.of("FEED", "none", "API_KEYS", "dev-key"), null);
        assertThat(o.demo()).isFalse();
        assertThat(o.authEnabled()).isTrue();
    }

    @Test
    void shouldMapTheJwtIssuerAndAudienceFromEnvironmentAndYaml(@TempDir Path dir) throws Exception {
        ServerOptions o = ConfigLoader.load(Map.of("JWT_HS256_SECRET", SECRET, "JWT_ISSUER", "https://users.example.test",
                "JWT_AUDIENCE", "tickengine"), null);
        assertThat(o.jwtIssuer()).isEqualTo("https://users.example.test");
        assertThat(o.jwtAudience()).isEqualTo("tickengine");
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, """
                jwt:
                  hs256_secret: %s
                  issuer: https://idp.example.test
                  audience: ticks
                """.formatted(SECRET));
        ServerOptions y = ConfigLoader.load(Map.of(), file);
        assertThat(y.jwtIssuer()).isEqualTo("https://idp.example.test");
        assertThat(y.jwtAudience()).isEqualTo("ticks");
        assertThat(ConfigLoader.load(Map.of(), null).jwtIssuer()).isNull();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("JWT_ISSUER", "https://idp.example.test", "API_KEYS", "k"),
                null)).isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("JWT_ISSUER:");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("JWT_AUDIENCE", "ticks"), null))
                .hasMessageStartingWith("JWT_AUDIENCE:");
        assertThat(ConfigLoader.SETTINGS).containsKeys("JWT_ISSUER", "JWT_AUDIENCE");
    }

    @Test
    void shouldRefusePlainHttpJwksInProduction() {
        Map<String, String> prod = Map.of("ENVIRONMENT", "production", "KITE_API_KEY", "k", "KITE_ACCESS_TOKEN", "t");
        Map<String, String> http = new java.util.HashMap<>(prod);
        http.put("JWT_JWKS_URL", "http://idp.example.test/.well-known/jwks.json");
        assertThatThrownBy(() -> ConfigLoader.load(http, null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("JWT_JWKS_URL:").hasMessageContaining("https");
        http.put("JWT_JWKS_URL", "http://127.0.0.1:8001/.well-known/jwks.json");
        assertThatThrownBy(() -> ConfigLoader.load(http, null)).hasMessageStartingWith("JWT_JWKS_URL:");
        http.put("JWT_JWKS_URL", "https://idp.example.test/.well-known/jwks.json");
        assertThat(ConfigLoader.load(http, null).jwtJwksUrl().getScheme()).isEqualTo("https");
        assertThat(ConfigLoader.load(Map.of("JWT_JWKS_URL", "http://127.0.0.1:8001/jwks"), null).jwtJwksUrl())
                .hasScheme("http");
    }

    @Test
    void shouldNameAShortAdminKeyInProduction() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ENVIRONMENT", "production", "KITE_API_KEY", "k",
                "KITE_ACCESS_TOKEN", "t", "API_KEYS", "x".repeat(32), "ADMIN_API_KEYS", "short-admin"), null))
                .hasMessageStartingWith("ADMIN_API_KEYS:").hasMessageContaining("32").hasMessageNotContaining("short-admin");
    }

    @Test
    void shouldExitWithCode2AndOneMessageNamingTheKey() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TickServerMain.Launch l = TickServerMain.parse(new String[0], Map.of("WS_MAX_SUBSCRIPTIONS", "-1"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(l.options()).isNull();
        assertThat(l.exitCode()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tick-server: WS_MAX_SUBSCRIPTIONS:").hasLineCount(1);
    }

    @Test
    void shouldPrintHelpListingEverySetting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TickServerMain.Launch l = TickServerMain.parse(new String[] {"--help"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(l.exitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PORT", "KITE_INSTRUMENTS", "DB_URL", "API_KEYS");
    }
}
