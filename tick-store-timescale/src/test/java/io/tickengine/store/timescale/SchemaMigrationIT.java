package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.testkit.PostgresDatabase;
import io.tickengine.testkit.TestServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        String name = "tick_test_concurrent_" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestServices.adminJdbcUrl();
        TestStores.execute(admin, "CREATE DATABASE " + name);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Boolean>> runs = new ArrayList<>();
            for (String dir : List.of("x", "y")) {
                runs.add(pool.submit(() -> {
                    start.await();
                    try (TimescaleStore s = TimescaleStore.create(TestStores.options(url, spill.resolve(dir)).build())) {
                        return s.timescaleEnabled();
                    }
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isFalse();
            }
            assertThat(TestStores.count(url, "SELECT count(*) FROM tickengine_schema_history WHERE success"))
                    .isEqualTo(3);
            assertThat(TestStores.count(url, "SELECT count(*) FROM kite_ticks_data")).isZero();
        } finally {
            pool.shutdownNow();
            TestStores.execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
