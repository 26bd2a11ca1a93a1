package io.tickengine.kite.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.InvalidConfigurationException;
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
        assertThat(o.maxReconnectAttempts()).isEqualTo(50);
        assertThat(o.reconnectInitialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.reconnectMultiplier()).isEqualTo(2.0);
        assertThat(o.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.maxInstruments()).isEqualTo(3000);
        assertThat(o.parserOptions().keepRawPackets()).isFalse();
        assertThat(o.mutate().build().toString()).isEqualTo(o.toString());
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
                "maxReconnectAttempts", b -> b.maxReconnectAttempts(-1),
                "reconnectMultiplier", b -> b.reconnectMultiplier(0.5),
                "reconnectMaxDelay", b -> b.reconnectMaxDelay(Duration.ofMillis(1)),
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
