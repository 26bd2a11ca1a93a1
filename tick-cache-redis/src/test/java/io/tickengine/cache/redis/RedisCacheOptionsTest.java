package io.tickengine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.InvalidConfigurationException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisCacheOptionsTest {
    @Test
    void shouldHoldTheSeedDefaults() {
        RedisCacheOptions o = RedisCacheOptions.create();

        assertThat(o.uri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(o.keyPrefix()).isEmpty();
        assertThat(o.parts()).containsExactlyInAnyOrder(CachePart.values());
        assertThat(o.tickHistoryTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(o.instrumentsTtl()).isEqualTo(Duration.ofDays(1));
        assertThat(o.candleStreamMaxLen()).isEqualTo(3600);
        assertThat(o.publishInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.publishMaxTicks()).isEqualTo(1000);
        assertThat(o.legacyTickList()).isFalse();
    }

    @Test
    void shouldDeriveAChangedCopyWithMutate() {
        RedisCacheOptions o = RedisCacheOptions.builder().keyPrefix("p:").without(CachePart.TICK_PUBLISH)
                .legacyTickList(true).publishMaxTicks(10).build();

        RedisCacheOptions copy = o.mutate().build();
        RedisCacheOptions changed = o.mutate().parts(Set.of(CachePart.LATEST_TICK)).build();

        assertThat(copy.toString()).isEqualTo(o.toString());
        assertThat(copy.isOn(CachePart.TICK_PUBLISH)).isFalse();
        assertThat(changed.parts()).containsExactly(CachePart.LATEST_TICK);
        assertThat(changed.publishMaxTicks()).isEqualTo(10);
    }

    @Test
    void shouldNameTheOptionThatIsWrong() {
        assertThatThrownBy(() -> RedisCacheOptions.builder().tickHistoryTtl(Duration.ZERO).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("tickHistoryTtl");
        assertThatThrownBy(() -> RedisCacheOptions.builder().publishMaxTicks(0).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("publishMaxTicks");
        assertThatThrownBy(() -> RedisCacheOptions.builder().keyPrefix(null).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> RedisCacheOptions.builder().uri("http://user:secret@host").build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("uri")
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldMaskThePasswordInToStringAndLogs() {
        RedisCacheOptions o = RedisCacheOptions.builder().uri("redis://app:s3cret@redis.local:6380/2").build();

        assertThat(o.maskedUri()).isEqualTo("redis://app:***@redis.local:6380/2");
        assertThat(o.toString()).doesNotContain("s3cret").contains("redis://app:***@redis.local:6380/2");
        assertThat(RedisCacheOptions.builder().uri("redis://s3cret@h").build().maskedUri()).isEqualTo("redis://***@h");
        assertThat(RedisCacheOptions.builder().uri("redis://h:1?password=s3cret").build().maskedUri())
                .isEqualTo("redis://h:1?password=***");
    }
}
