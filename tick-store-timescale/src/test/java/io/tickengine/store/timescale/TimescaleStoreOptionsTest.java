package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.InvalidConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimescaleStoreOptionsTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/ticks";

    @Test
    void shouldUseTheDocumentedDefaults() {
        TimescaleStoreOptions o = TimescaleStoreOptions.create(URL);

        assertThat(o.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.flushRows()).isEqualTo(10_000);
        assertThat(o.memoryBufferRows()).isEqualTo(TimescaleStoreOptions.DEFAULT_MEMORY_BUFFER_ROWS);
        assertThat(o.spillDirectory()).isEqualTo(Path.of("tickengine-spill"));
        assertThat(o.chunkInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(o.compressAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(o.retention()).isNull();
        assertThat(o.migrateOnStart()).isTrue();
        assertThat(o.useTimescale()).isTrue();
        assertThat(o.endOfDayFlush()).hasToString("16:00");
    }

    @Test
    void shouldNameTheOptionThatIsWrong() {
        assertInvalid(TimescaleStoreOptions.builder("jdbc:mysql://x/y"), "timescale.jdbcUrl");
        assertInvalid(TimescaleStoreOptions.builder(null), "timescale.jdbcUrl");
        assertInvalid(TimescaleStoreOptions.builder(URL).poolSize(1), "timescale.poolSize");
        assertInvalid(TimescaleStoreOptions.builder(URL).flushRows(0), "timescale.flushRows");
        assertInvalid(TimescaleStoreOptions.builder(URL).flushInterval(Duration.ZERO), "timescale.flushInterval");
        assertInvalid(TimescaleStoreOptions.builder(URL).flushRows(100).memoryBufferRows(99),
                "timescale.memoryBufferRows");
        assertInvalid(TimescaleStoreOptions.builder(URL).spillDirectory(null), "timescale.spillDirectory");
        assertInvalid(TimescaleStoreOptions.builder(URL).spillCapBytes(1000), "timescale.spillCapBytes");
        assertInvalid(TimescaleStoreOptions.builder(URL).connectTimeout(Duration.ofMillis(10)),
                "timescale.connectTimeout");
        assertInvalid(TimescaleStoreOptions.builder(URL).retryBackoff(Duration.ofSeconds(10)),
                "timescale.maxRetryBackoff");
        assertInvalid(TimescaleStoreOptions.builder(URL).retention(Duration.ofHours(3)), "timescale.retention");
        assertInvalid(TimescaleStoreOptions.builder(URL).compressAfter(Duration.ofDays(-1)), "timescale.compressAfter");
    }

    @Test
    void shouldNeverShowThePassword() {
        TimescaleStoreOptions o = TimescaleStoreOptions.builder(URL + "?user=u&password=hunter2&ssl=true")
                .password("s3cret").build();

        assertThat(o.toString()).doesNotContain("hunter2").doesNotContain("s3cret").contains("password=****");
        assertThat(o.maskedJdbcUrl()).isEqualTo(URL + "?user=u&password=****&ssl=true");
        assertThat(o.password()).isEqualTo("s3cret");
        assertThatThrownBy(() -> TimescaleStoreOptions.builder("jdbc:x://h/db?password=hunter2").build())
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldMutateIntoAnEqualCopyWithChanges() {
        TimescaleStoreOptions o = TimescaleStoreOptions.builder(URL).flushRows(500).retention(Duration.ofDays(30))
                .compressAfter(null).build();

        TimescaleStoreOptions copy = o.mutate().poolSize(8).build();

        assertThat(copy.flushRows()).isEqualTo(500);
        assertThat(copy.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(copy.compressAfter()).isNull();
        assertThat(copy.poolSize()).isEqualTo(8);
    }

    private static void assertInvalid(TimescaleStoreOptions.Builder b, String option) {
        assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(option);
    }
}
