package io.tickengine.server.config;

import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.server.TickServerMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AngelOneConfigTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Map<String, String> ANGEL = Map.of("ANGELONE_API_KEY", "ak-123", "ANGELONE_CLIENT_CODE", "C42",
            "ANGELONE_JWT", "eyJ.jwt.sig", "ANGELONE_FEED_TOKEN", "ft-9", "API_KEYS", SECRET);
    private static final Map<String, String> KITE = Map.of("KITE_API_KEY", "k", "KITE_ACCESS_TOKEN", "t");

    private static Map<String, String> env(Map<String, String> base, String... kv) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove(kv[i]);
            } else {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    @Test
    void shouldMapEveryAngelOneVariableAndChooseTheAngelOneFeed() {
        ServerOptions o = ConfigLoader.load(env(ANGEL, "ANGELONE_WS_URL", "wss://feed.example.test/smart-stream",
                "ANGELONE_SCRIP_MASTER", "https://files.example.test/scrips.json"), null);

        assertThat(o.feed()).isEqualTo(Feed.ANGELONE);
        assertThat(o.angelOneAccount()).isEqualTo(new AngelOneAccount("ak-123", "C42", "eyJ.jwt.sig", "ft-9"));
        assertThat(o.angelOneWsUrl()).isEqualTo(URI.create("wss://feed.example.test/smart-stream"));
        assertThat(o.angelOneScripMaster()).isEqualTo("https://files.example.test/scrips.json");
        assertThat(o.demo()).isFalse();
        assertThat(o.angelOneDemo()).isFalse();
        assertThat(o.kiteDemo()).isFalse();
    }

    @Test
    void shouldDefaultTheUrlAndScripMaster() {
        ServerOptions o = ConfigLoader.load(ANGEL, null);
        assertThat(o.angelOneWsUrl()).isEqualTo(AngelOneOptions.DEFAULT_URL);
        assertThat(o.angelOneScripMaster()).isNull();
        assertThat(ConfigLoader.load(env(ANGEL, "ANGELONE_SCRIP_MASTER", "/data/scrips.json"), null).angelOneScripMaster())
                .isEqualTo("/data/scrips.json");
    }

    @Test
    void shouldReadAngelOneSettingsFromYaml(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, """
                feed: angelone
                api_keys: [%s]
                angelone:
                  api_key: ak-123
                  client_code: C42
                  jwt: eyJ.jwt.sig
                  feed_token: ft-9
                  ws_url: ws://127.0.0.1:9999/smart-stream
                  scrip_master: scrips.json
                """.formatted(SECRET));
        ServerOptions o = ConfigLoader.load(Map.of("ANGELONE_FEED_TOKEN", "ft-env"), file);
        assertThat(o.feed()).isEqualTo(Feed.ANGELONE);
        assertThat(o.angelOneAccount()).isEqualTo(new AngelOneAccount("ak-123", "C42", "eyJ.jwt.sig", "ft-env"));
        assertThat(o.angelOneWsUrl().getPort()).isEqualTo(9999);
        assertThat(o.angelOneScripMaster()).isEqualTo("scrips.json");
    }

    @Test
    void shouldRunBothFeedsWithBothCredentials() {
        Map<String, String> both = env(ANGEL);
        both.putAll(KITE);
        assertThat(ConfigLoader.load(both, null).feed()).isEqualTo(Feed.BOTH);
        assertThat(ConfigLoader.load(env(both, "FEED", "both"), null).demo()).isFalse();
    }

    @Test
    void shouldRunAngelOneDemoWithoutCredentials() {
        ServerOptions o = ConfigLoader.load(Map.of("FEED", "angelone"), null);
        assertThat(o.feed()).isEqualTo(Feed.ANGELONE);
        assertThat(o.demo()).isTrue();
        assertThat(o.angelOneDemo()).isTrue();
        assertThat(o.kiteDemo()).isFalse();
        assertThat(o.authEnabled()).isFalse();
        ServerOptions both = ConfigLoader.load(Map.of("FEED", "BOTH"), null);
        assertThat(both.demo()).isTrue();
        assertThat(both.kiteDemo()).isTrue();
        assertThat(both.angelOneDemo()).isTrue();
    }

    @Test
    void shouldNameTheFirstMissingCredential() {
        for (String key : List.of("ANGELONE_API_KEY", "ANGELONE_CLIENT_CODE", "ANGELONE_JWT", "ANGELONE_FEED_TOKEN")) {
            assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, key, null), null)).as(key)
                    .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith(key + ": is missing")
                    .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo(key));
            assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, key, "  "), null)).as(key + " blank")
                    .hasMessageStartingWith(key + ": is missing");
        }
    }

    @Test
    void shouldRefuseCredentialsThatCannotBeHeadersWithoutEchoingThem() {
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "ANGELONE_JWT", "eyJ secret\tpart"), null))
                .hasMessageStartingWith("ANGELONE_JWT:").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "ANGELONE_FEED_TOKEN", "ft\u00e9x"), null))
                .hasMessageStartingWith("ANGELONE_FEED_TOKEN:").hasMessageNotContaining("ft");
    }

    @Test
    void shouldRefuseBadUrlsAndPaths() {
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "ANGELONE_WS_URL", "https://feed.example.test"), null))
                .hasMessageStartingWith("ANGELONE_WS_URL:");
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "ANGELONE_WS_URL", "not a url"), null))
                .hasMessageStartingWith("ANGELONE_WS_URL:");
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "ANGELONE_SCRIP_MASTER", "ftp://files.example.test/x.json"), null))
                .hasMessageStartingWith("ANGELONE_SCRIP_MASTER:");
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "ANGELONE_SCRIP_MASTER", "https:///nohost.json"), null))
                .hasMessageStartingWith("ANGELONE_SCRIP_MASTER:");
    }

    @Test
    void shouldRefuseCredentialsOfAFeedThatDoesNotRun() {
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "FEED", "kite"), null))
                .hasMessageStartingWith("ANGELONE_API_KEY:").hasMessageContaining("FEED=kite");
        assertThatThrownBy(() -> ConfigLoader.load(env(KITE, "FEED", "angelone"), null))
                .hasMessageStartingWith("KITE_API_KEY:").hasMessageContaining("FEED=angelone");
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "FEED", "none"), null))
                .hasMessageStartingWith("ANGELONE_API_KEY:");
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "FEED", "both"), null))
                .hasMessageStartingWith("KITE_API_KEY: is missing");
        assertThatThrownBy(() -> ConfigLoader.load(env(KITE, "FEED", "both", "API_KEYS", SECRET), null))
                .hasMessageStartingWith("ANGELONE_API_KEY: is missing");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("FEED", "bloomberg"), null))
                .hasMessageStartingWith("FEED:").hasMessageContaining("angelone");
    }

    @Test
    void shouldRefuseDepthAsTheSubscriptionMode() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("TICK_MODE", "depth"), null))
                .hasMessageStartingWith("TICK_MODE:").hasMessageContaining("order book only");
    }

    @Test
    void shouldNeedAuthAndCredentialsForAngelOneInProduction() {
        assertThatThrownBy(() -> ConfigLoader.load(env(ANGEL, "API_KEYS", null), null))
                .hasMessageStartingWith("JWT_HS256_SECRET:").hasMessageContaining("only in demo mode");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("FEED", "angelone", "ENVIRONMENT", "production",
                "API_KEYS", SECRET), null)).hasMessageStartingWith("ANGELONE_API_KEY:").hasMessageContaining("production");
        assertThat(ConfigLoader.load(env(ANGEL, "ENVIRONMENT", "production"), null).feed()).isEqualTo(Feed.ANGELONE);
    }

    @Test
    void shouldKeepSecretsOutOfToStringAndHelp() {
        ServerOptions o = ConfigLoader.load(ANGEL, null);
        assertThat(o.toString() + o.angelOneAccount()).doesNotContain("ak-123", "eyJ.jwt.sig", "ft-9").contains("C42");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TickServerMain.Launch l = TickServerMain.parse(new String[] {"--help"}, ANGEL,
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(l.exitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ANGELONE_API_KEY", "ANGELONE_CLIENT_CODE",
                "ANGELONE_JWT", "ANGELONE_FEED_TOKEN", "ANGELONE_WS_URL", "ANGELONE_SCRIP_MASTER", "angelone")
                .doesNotContain("ak-123", "eyJ.jwt.sig", "ft-9");
    }

    @Test
    void shouldExitWithCode2OnAPartialAngelOneConfiguration() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TickServerMain.Launch l = TickServerMain.parse(new String[0], Map.of("ANGELONE_JWT", "eyJ.jwt.sig"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(l.options()).isNull();
        assertThat(l.exitCode()).isEqualTo(TickServerMain.EXIT_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tick-server: ANGELONE_API_KEY: is missing")
                .doesNotContain("eyJ.jwt.sig").hasLineCount(1);
    }
}
