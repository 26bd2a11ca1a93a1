package io.tickengine.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.InvalidConfigurationException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private static long[] next(Backoff backoff, int n) {
        long[] delays = new long[n];
        for (int i = 0; i < n; i++) {
            delays[i] = backoff.nextDelayMillis();
        }
        return delays;
    }

    @Test
    void shouldHaveDocumentedDefaults() {
        ReconnectPolicy p = ReconnectPolicy.create();

        assertThat(p.initialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.multiplier()).isEqualTo(2.0);
        assertThat(p.maxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.jitter()).isZero();
        assertThat(p.maxAttempts()).isEqualTo(ReconnectPolicy.UNLIMITED_ATTEMPTS);
        assertThat(p).isEqualTo(ReconnectPolicy.builder().build());
    }

    @Test
    void shouldDoubleFromOneSecondAndCapAtSixty() {
        Backoff backoff = ReconnectPolicy.create().newBackoff();

        assertThat(next(backoff, 9)).containsExactly(
                1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000);
        assertThat(backoff.attempts()).isEqualTo(9);
    }

    @Test
    void shouldStayAtCapForUnlimitedAttempts() {
        Backoff backoff = ReconnectPolicy.create().newBackoff();

        next(backoff, 10_000);

        assertThat(backoff.nextDelayMillis()).isEqualTo(60_000);
        assertThat(backoff.attempts()).isEqualTo(10_001);
    }

    @Test
    void shouldApplyNonIntegerMultiplierAndLowCap() {
        Backoff backoff = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100)).multiplier(1.5)
                .maxDelay(Duration.ofMillis(400)).build().newBackoff();

        assertThat(next(backoff, 6)).containsExactly(100, 150, 225, 337, 400, 400);
    }

    @Test
    void shouldKeepConstantDelayWithMultiplierOne() {
        Backoff backoff = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(250)).multiplier(1.0).build()
                .newBackoff();

        assertThat(next(backoff, 4)).containsOnly(250);
    }

    @Test
    void shouldDrawJitteredDelaysWithinBounds() {
        ReconnectPolicy policy = ReconnectPolicy.builder().jitter(0.25).build();
        Backoff backoff = policy.newBackoff(new SplittableRandom(42));
        long[] plain = next(policy.mutate().jitter(0).build().newBackoff(), 200);

        long[] jittered = next(backoff, 200);

        for (int i = 0; i < plain.length; i++) {
            assertThat(jittered[i]).as("attempt %d", i + 1)
                    .isBetween((long) Math.ceil(plain[i] * 0.75), plain[i]);
        }
        assertThat(jittered).as("jitter actually varies the delays").isNotEqualTo(plain);
    }

    @Test
    void shouldReproduceJitterFromSameSeed() {
        ReconnectPolicy policy = ReconnectPolicy.builder().jitter(0.5).build();

        assertThat(next(policy.newBackoff(new SplittableRandom(7)), 20))
                .containsExactly(next(policy.newBackoff(new SplittableRandom(7)), 20));
    }

    @Test
    void shouldReachBothJitterBoundsWithExtremeRandomValues() {
        ReconnectPolicy policy = ReconnectPolicy.builder().jitter(1.0).build();
        RandomGenerator almostOne = () -> -1L; // nextDouble() is then the largest double below 1
        RandomGenerator zero = () -> 0L;

        assertThat(policy.newBackoff(zero).nextDelayMillis()).isEqualTo(1_000);
        assertThat(policy.newBackoff(almostOne).nextDelayMillis()).isEqualTo(1);
    }

    @Test
    void shouldReportExhaustedAfterMaxAttempts() {
        Backoff backoff = ReconnectPolicy.builder().maxAttempts(3).build().newBackoff();

        assertThat(next(backoff, 5)).containsExactly(1_000, 2_000, 4_000, Backoff.EXHAUSTED, Backoff.EXHAUSTED);
        assertThat(backoff.attempts()).isEqualTo(3);
    }

    @Test
    void shouldStartOverAfterReset() {
        Backoff backoff = ReconnectPolicy.builder().maxAttempts(2).build().newBackoff();
        next(backoff, 3);

        backoff.reset();

        assertThat(backoff.attempts()).isZero();
        assertThat(next(backoff, 3)).containsExactly(1_000, 2_000, Backoff.EXHAUSTED);
    }

    @Test
    void shouldGiveEachBackoffItsOwnState() {
        ReconnectPolicy policy = ReconnectPolicy.create();
        Backoff first = policy.newBackoff();
        next(first, 4);

        assertThat(policy.newBackoff().nextDelayMillis()).isEqualTo(1_000);
    }

    @Test
    void shouldDeriveChangedCopyWithMutate() {
        ReconnectPolicy kite = ReconnectPolicy.builder().maxAttempts(50).jitter(0.1).build();

        ReconnectPolicy slower = kite.mutate().initialDelay(Duration.ofSeconds(2)).build();

        assertThat(slower.maxAttempts()).isEqualTo(50);
        assertThat(slower.jitter()).isEqualTo(0.1);
        assertThat(slower.initialDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(kite.initialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(kite.mutate().build()).isEqualTo(kite).hasSameHashCodeAs(kite);
        assertThat(kite.toString()).contains("maxAttempts=50");
    }

    @Test
    void shouldRejectOutOfRangeOptionsNamingThem() {
        assertInvalid(ReconnectPolicy.builder().initialDelay(Duration.ZERO), "initialDelay");
        assertInvalid(ReconnectPolicy.builder().initialDelay(Duration.ofNanos(999_999)), "initialDelay");
        assertInvalid(ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(-1)), "initialDelay");
        assertInvalid(ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(Long.MAX_VALUE)), "initialDelay");
        assertInvalid(ReconnectPolicy.builder().multiplier(0.5), "multiplier");
        assertInvalid(ReconnectPolicy.builder().multiplier(Double.NaN), "multiplier");
        assertInvalid(ReconnectPolicy.builder().multiplier(Double.POSITIVE_INFINITY), "multiplier");
        assertInvalid(ReconnectPolicy.builder().maxDelay(Duration.ofMillis(999)), "maxDelay");
        assertInvalid(ReconnectPolicy.builder().jitter(-0.1), "jitter");
        assertInvalid(ReconnectPolicy.builder().jitter(1.5), "jitter");
        assertInvalid(ReconnectPolicy.builder().jitter(Double.NaN), "jitter");
        assertInvalid(ReconnectPolicy.builder().maxAttempts(-1), "maxAttempts");
        assertThatThrownBy(() -> ReconnectPolicy.builder().initialDelay(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> ReconnectPolicy.create().newBackoff(null))
                .isInstanceOf(NullPointerException.class);
    }

    private static void assertInvalid(ReconnectPolicy.Builder builder, String option) {
        assertThatThrownBy(builder::build).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(option);
    }
}
