package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Migrations on plain PostgreSQL: twice in a row, and from two stores starting at the same moment. */
class SchemaMigrationIT {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    @Test
    void shouldMigrateOnceAndThenFindNothingToDoOnPlainPostgres() throws Exception {
        try (TimescaleStore first = TimescaleStore.create(TestStores.options(db, spill.resolve("a")).build())) {
            assertThat(first.timescaleEnabled()).isFalse();
        }
        try (TimescaleStore second = TimescaleStore.create(TestStores.options(db, spill.resolve("b")).build())) {
            assertThat(second.timescaleEnabled()).isFalse();
        }

        String url = db.jdbcUrl();
        assertThat(TestStores.count(url, "SELECT count(*) FROM tickengine_schema_history WHERE success")).isEqualTo(3);
        assertThat(TestStores.count(url, "SELECT count(*) FROM tickengine_schema_history WHERE NOT success")).isZero();
        assertThat(TestStores.count(url, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")).isZero();
        assertThat(TestStores.count(url, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                + "AND tablename IN ('kite_ticks_data', 'tick_symbols', 'candles_1s', 'candles')")).isEqualTo(4);
    }

    @Test
    void shouldMigrateSafelyFromTwoStoresAtOnce() throws Exception {
        try (TestStores.Scratch scratch = TestStores.scratchDatabase("tick_test_concurrent")) {
            assertThat(TestStores.openTwoAtOnce(scratch.url(), spill)).containsExactly(false, false);
            assertThat(TestStores.count(scratch.url(), "SELECT count(*) FROM tickengine_schema_history WHERE success"))
                    .isEqualTo(3);
            assertThat(TestStores.count(scratch.url(), "SELECT count(*) FROM kite_ticks_data")).isZero();
        }
    }
}
