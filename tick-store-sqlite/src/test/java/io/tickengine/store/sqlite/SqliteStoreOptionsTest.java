package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.InvalidConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqliteStoreOptionsTest {
    @Test
    void shouldDefaultToTheDataDirectoryAndSeed003Batching() {
        SqliteStoreOptions o = SqliteStoreOptions.create();

        assertThat(o.path()).isEqualTo(Path.of("./data/tickengine.db").normalize());
        assertThat(o.maxBatchRows()).isEqualTo(SqliteStoreOptions.DEFAULT_MAX_BATCH_ROWS).isBetween(100, 1000);
        assertThat(o.flushInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(o.busyTimeout()).isEqualTo(SqliteStoreOptions.DEFAULT_BUSY_TIMEOUT);
    }

    @Test
    void shouldKeepValuesThroughMutate() {
        SqliteStoreOptions o = SqliteStoreOptions.builder().path(Path.of("x.db")).maxBatchRows(100)
                .flushInterval(Duration.ofMillis(50)).busyTimeout(Duration.ZERO).readConnections(0).build();

        SqliteStoreOptions copy = o.mutate().build();

        assertThat(copy.path()).isEqualTo(Path.of("x.db"));
        assertThat(copy.maxBatchRows()).isEqualTo(100);
        assertThat(copy.flushInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(copy.busyTimeout()).isZero();
        assertThat(copy.readConnections()).isZero();
    }

    @Test
    void shouldNameTheInvalidOption() {
        assertInvalid(SqliteStoreOptions.builder().path(null), "path");
        assertInvalid(SqliteStoreOptions.builder().maxBatchRows(0), "maxBatchRows");
        assertInvalid(SqliteStoreOptions.builder().maxBatchRows(100_001), "maxBatchRows");
        assertInvalid(SqliteStoreOptions.builder().flushInterval(Duration.ZERO), "flushInterval");
        assertInvalid(SqliteStoreOptions.builder().flushInterval(null), "flushInterval");
        assertInvalid(SqliteStoreOptions.builder().busyTimeout(Duration.ofMillis(-1)), "busyTimeout");
        assertInvalid(SqliteStoreOptions.builder().readConnections(-1), "readConnections");
        assertInvalid(SqliteStoreOptions.builder().clock(null), "clock");
    }

    private static void assertInvalid(SqliteStoreOptions.Builder b, String option) {
        assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(option);
    }
}
