package io.tickengine.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisKeyspaceIT {
    @RegisterExtension
    static RedisKeyspace redis = new RedisKeyspace();

    @Test
    void shouldDeleteOnlyKeysUnderItsOwnPrefix() {
        RedisCommands<String, String> cmd = redis.commands();
        String outside = "tick-test-outside:" + redis.prefix() + "keep";
        try {
            cmd.set(outside, "stays");
            for (int i = 0; i < 1_200; i++) {
                cmd.set(redis.prefix() + "k" + i, "v");
            }

            assertThat(redis.deleteAll()).isEqualTo(1_200);

            assertThat(cmd.exists(redis.prefix() + "k0")).isZero();
            assertThat(cmd.get(outside)).isEqualTo("stays");
        } finally {
            cmd.del(outside);
        }
    }
}
