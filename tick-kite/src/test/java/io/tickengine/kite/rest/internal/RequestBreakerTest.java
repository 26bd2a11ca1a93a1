package io.tickengine.kite.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.engine.CircuitState;
import io.tickengine.core.source.ReconnectPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff per failure, an open circuit after a run of failures, a trial after the pause. */
class RequestBreakerTest {
    final ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofSeconds(10)).maxAttempts(6).build();

    @Test
    void shouldBackOffThenOpenThenCloseOnSuccess() {
        RequestBreaker b = new RequestBreaker(policy, 3, 5000);

        assertThat(b.failed(0)).isEqualTo(100);
        assertThat(b.failed(700)).isEqualTo(700);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(b.failed(0)).isEqualTo(5000);
        assertThat(b.state()).isEqualTo(CircuitState.OPEN);
        assertThat(b.opens()).isEqualTo(1);

        b.beforeRequest();
        assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(b.failed(0)).isEqualTo(5000);
        assertThat(b.opens()).isEqualTo(2);

        b.beforeRequest();
        b.succeeded();
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(b.consecutiveFailures()).isZero();
        assertThat(b.failed(0)).isEqualTo(100);
    }

    @Test
    void shouldGiveUpWhenThePolicyIsSpent() {
        RequestBreaker b = new RequestBreaker(policy, 100, 1);
        for (int i = 0; i < 6; i++) {
            assertThat(b.failed(0)).isPositive();
        }
        assertThat(b.failed(0)).isEqualTo(RequestBreaker.GIVE_UP);
    }
}
