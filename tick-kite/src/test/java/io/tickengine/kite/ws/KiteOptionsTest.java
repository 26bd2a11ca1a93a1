package io.tickengine.kite.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.source.ReconnectPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class KiteOptionsTest {
    static KiteOptions.Builder valid() {
        return KiteOptions.builder().apiKey("key").accessToken("s3cr3t-token");
    }

    @Test
    void shouldFillTheDocumentedDefaults() {
        KiteOptions o = valid().build();

        assertThat(o.url()).isEqualTo(URI.create("wss://ws.kite.trade"));
        assertThat(o.watchdogTimeout()).isEqualTo(Duration.ofSeconds(5));
        ReconnectPolicy p = o.reconnectPolicy();
        assertThat(p.maxAttempts()).isEqualTo(50);
        assertThat(p.initialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.multiplier()).isEqualTo(2.0);
        assertThat(p.maxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.jitter()).isEqualTo(0.2);
        assertThat(o.maxInstruments()).isEqualTo(3000);
        assertThat(o.parserOptions().keepRawPackets()).isFalse();
        assertThat(o.mutate().build().toString()).isEqualTo(o.toString());
    }

    @Test
    void shouldKeepJitteredDelaysWithinTheDefaultSchedule() {
        long[] ceilings = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
        var backoff = KiteOptions.DEFAULT_RECONNECT_POLICY.newBackoff(new java.util.SplittableRandom(7));
        for (long ceiling : ceilings) {
            assertThat(backoff.nextDelayMillis()).isBetween((long) (ceiling * 0.8), ceiling);
        }
    }

    @Test
    void shouldNeverShowTheAccessToken() {
        assertThat(valid().build().toString()).doesNotContain("s3cr3t").contains("accessToken=****");
    }

    @Test
    void shouldNameTheOptionThatIsWrong() {
        Map<String, UnaryOperator<KiteOptions.Builder>> cases = Map.of(
                "apiKey", b -> b.apiKey(" "),
                "accessToken", b -> b.accessToken(null),
                "url", b -> b.url(URI.create("http://x")),
                "watchdogTimeout", b -> b.watchdogTimeout(Duration.ZERO),
                "reconnectPolicy", b -> b.reconnectPolicy(null),
                "maxInstruments", b -> b.maxInstruments(3001),
                "name", b -> b.name(""));
        cases.forEach((option, change) -> assertThatThrownBy(() -> change.apply(valid()).build())
                .as(option).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("KiteOptions." + option));
    }

    @Test
    void shouldRefuseCredentialsInTheUrl() {
        assertThatThrownBy(() -> valid().url(URI.create("wss://ws.kite.trade?api_key=x")).build())
                .hasMessageContaining("must not carry a query");
    }
}
