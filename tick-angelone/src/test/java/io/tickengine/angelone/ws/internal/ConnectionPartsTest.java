package io.tickengine.angelone.ws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOneRequest;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.core.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Options, headers and the subscription diff, without a network. */
class ConnectionPartsTest {
    static Subscription sub(long id, String token, AngelOneMode mode) {
        return new Subscription(id, ExchangeType.NSE_CM, token, mode);
    }

    @Test
    void shouldSendTheFourHeadersAndMaskSecrets() {
        AngelOneOptions o = AngelOneOptions.builder().credentials("jwt-secret", "key-secret", "C1", "feed-secret").build();
        assertThat(Attempt.headers(o)).containsExactly(Map.entry("Authorization", "Bearer jwt-secret"),
                Map.entry("x-api-key", "key-secret"), Map.entry("x-client-code", "C1"), Map.entry("x-feed-token", "feed-secret"));
        assertThat(o.toString()).doesNotContain("jwt-secret", "key-secret", "feed-secret").contains("C1");
        assertThat(o.url().getScheme()).isEqualTo("wss");
        assertThatThrownBy(() -> o.mutate().maxTokens(1001).build()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("maxTokens");
        assertThatThrownBy(() -> AngelOneOptions.builder().credentials("j", "k", "c", null).build())
                .hasMessageContaining("feedToken");
    }

    @Test
    void shouldUnsubscribeOldModesBeforeSubscribingNewOnes() {
        AtomicInteger ids = new AtomicInteger();
        Map<Long, Subscription> applied = Map.of(1L, sub(1, "1", AngelOneMode.LTP), 2L, sub(2, "2", AngelOneMode.LTP));
        Map<Long, Subscription> desired = Map.of(2L, sub(2, "2", AngelOneMode.QUOTE), 3L, sub(3, "3", AngelOneMode.QUOTE));

        List<AngelOneRequest> requests = RequestDiff.between(applied, desired, () -> "id" + ids.incrementAndGet());

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).action()).isEqualTo(AngelOneRequest.Action.UNSUBSCRIBE);
        assertThat(requests.get(0).mode()).isEqualTo(AngelOneMode.LTP);
        assertThat(requests.get(0).tokens()).isEqualTo(Map.of(ExchangeType.NSE_CM, List.of("1", "2")));
        assertThat(requests.get(1).action()).isEqualTo(AngelOneRequest.Action.SUBSCRIBE);
        assertThat(requests.get(1).tokens()).isEqualTo(Map.of(ExchangeType.NSE_CM, List.of("2", "3")));
        assertThat(requests).extracting(AngelOneRequest::correlationId).containsExactly("id1", "id2");
        assertThat(RequestDiff.between(desired, desired, () -> "x")).isEmpty();
    }
}
