package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Tick;
import io.tickengine.testkit.PostgresDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once when the commit succeeds but its acknowledgement is lost, and when the database kills
 * the writer's sessions mid-stream.
 */
class LostAcknowledgementIT {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    @Test
    void shouldNotDuplicateABatchWhoseCommitWasNeverAcknowledged() throws Exception {
        // prepareThreshold=0 keeps COMMIT a plain statement on the wire, where the proxy can see it.
        URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        try (CuttingProxy proxy = new CuttingProxy(target.getHost(), target.getPort());
             TimescaleStore store = TimescaleStore.create(TestStores.options("jdbc:postgresql://127.0.0.1:"
                     + proxy.port() + target.getRawPath() + '?' + target.getRawQuery() + "&prepareThreshold=0", spill)
                     .poolSize(2).build())) {
            TestStores.truncate(db);
            store.tickSink().onBatch(ticks(1, 100));
            assertThat(store.flush()).isTrue();

            proxy.cutAfterNextCommit();
            store.tickSink().onBatch(ticks(101, 100));
            assertThat(store.flush()).as("the writer saw the commit fail").isFalse();

            assertThat(proxy.cuts()).isEqualTo(1);
            assertThat(TestStores.count(db.jdbcUrl(), "SELECT count(*) FROM kite_ticks_data"))
                    .as("yet the server committed it").isEqualTo(200);
            assertThat(store.health().status()).isEqualTo(StoreHealth.Status.DEGRADED);
            assertThat(store.health().spillBacklog()).isEqualTo(100);

            proxy.refuse(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> store.health().backlog() == 0);
            assertThat(store.health().status()).isEqualTo(StoreHealth.Status.UP);
            assertExactlyOnce(200);
        }
    }

    @Test
    void shouldThrowFromTheSinksFlushWhileAcceptedTicksAreOnlyInTheSpill() throws Exception {
        URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        try (CuttingProxy proxy = new CuttingProxy(target.getHost(), target.getPort());
             TimescaleStore store = TimescaleStore.create(TestStores.options("jdbc:postgresql://127.0.0.1:"
                     + proxy.port() + target.getRawPath() + '?' + target.getRawQuery() + "&prepareThreshold=0", spill)
                     .poolSize(2).build())) {
            TestStores.truncate(db);
            store.tickSink().onBatch(ticks(1, 100));
            store.tickSink().flush();

            proxy.cutAfterNextCommit();
            store.tickSink().onBatch(ticks(101, 100));
            assertThatThrownBy(() -> store.tickSink().flush()).isInstanceOf(FlushIncompleteException.class)
                    .hasMessageContaining("timescale-ticks").hasMessageContaining("100 safe in the spill");

            proxy.refuse(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> store.health().backlog() == 0);
            store.tickSink().flush();
            store.candleSink().flush();
            assertExactlyOnce(200);
        }
    }

    @Test
    void shouldWriteEveryTickOnceWhenTheWritersSessionsAreTerminated() throws Exception {
        try (TimescaleStore store = TimescaleStore.create(TestStores.options(db, spill).flushRows(300)
                .flushInterval(Duration.ofMillis(20)).build())) {
            TestStores.truncate(db);
            try (TickProducer producer = new TickProducer(store.tickSink(), 50, 2_000).start()) {
                for (int i = 1; i <= 3; i++) {
                    long before = store.health().written();
                    await().atMost(Duration.ofSeconds(30)).until(() -> store.health().written() > before + 1_000);
                    TestStores.execute(db.jdbcUrl(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            + "WHERE datname = current_database() AND application_name = 'tickengine'");
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(store::flush);
            long sent = store.health().written();
            // The writer saw its session die; the driver words it by where the kill caught it.
            assertThat(store.health().lastError()).containsAnyOf("terminating connection",
                    "Database connection failed", "An I/O error occurred");
            assertExactlyOnce(TestStores.count(db.jdbcUrl(), "SELECT max(ingest_sequence) FROM kite_ticks_data"));
            assertThat(sent).isGreaterThanOrEqualTo(3_000);
        }
    }

    private static void assertExactlyOnce(long n) throws Exception {
        String url = db.jdbcUrl();
        assertThat(TestStores.count(url, "SELECT count(*) FROM kite_ticks_data")).isEqualTo(n);
        assertThat(TestStores.count(url, "SELECT count(DISTINCT ingest_sequence) FROM kite_ticks_data")).isEqualTo(n);
        assertThat(TestStores.count(url, "SELECT max(ingest_sequence) FROM kite_ticks_data")).isEqualTo(n);
    }

    private static List<Tick> ticks(long from, int n) {
        return LongStream.range(from, from + n).mapToObj(TickProducer::tick).collect(Collectors.toList());
    }
}
