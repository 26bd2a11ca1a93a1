package io.tickengine.kite.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a fake clock. */
class KiteRateLimiterTest {
    final AtomicLong now = new AtomicLong(1_000);

    @Test
    void shouldAllowOneRequestPerSecond() {
        KiteRateLimiter limiter = KiteRateLimiter.create(1, 1, now::get);

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(1_000_000_000L);
        now.addAndGet(400_000_000L);
        assertThat(limiter.tryAcquire()).isEqualTo(600_000_000L);
        now.addAndGet(600_000_000L);
        assertThat(limiter.tryAcquire()).isZero();
        now.addAndGet(5_000_000_000L);
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).as("a burst of one: idle time does not save up").isPositive();
    }

    @Test
    void shouldSaveUpToTheBurst() {
        KiteRateLimiter limiter = KiteRateLimiter.create(10, 3, now::get);
        limiter.tryAcquire();
        now.addAndGet(10_000_000_000L);

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(100_000_000L);
    }

    @Test
    void shouldShareOneBucketPerApiKey() {
        assertThat(KiteRateLimiter.forApiKey("k1")).isSameAs(KiteRateLimiter.forApiKey("k1"))
                .isNotSameAs(KiteRateLimiter.forApiKey("k2"));
        assertThat(KiteRateLimiter.forApiKey("k1").permitsPerSecond()).isEqualTo(1.0);
        assertThatThrownBy(() -> KiteRateLimiter.create(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
