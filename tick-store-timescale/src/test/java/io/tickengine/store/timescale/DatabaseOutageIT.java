package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickengine.core.Tick;
import io.tickengine.core.store.TimeRange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real outage: the test runs its own PostgreSQL cluster, stops it while ticks stream in, starts it
 * again, and checks that every tick was written exactly once, in order, with the backlog visible meanwhile.
 */
class DatabaseOutageIT {
    @TempDir
    static Path clusterDir;
    private static PgCluster cluster;

    @TempDir
    Path spill;

    @BeforeAll
    static void startCluster() throws Exception {
        Path bin = PgCluster.findBinDir();
        Assumptions.assumeTrue(bin != null, "no PostgreSQL server binaries under /usr/lib/postgresql");
        cluster = PgCluster.start(bin, clusterDir);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldWriteEveryTickExactlyOnceAndInOrderAcrossAnOutage() throws Exception {
        String url = cluster.jdbcUrl();
        TimescaleStoreOptions options = TestStores.options(url, spill).flushRows(500).memoryBufferRows(2_000)
                .flushInterval(Duration.ofMillis(50)).build();
        AtomicBoolean outOfOrder = new AtomicBoolean();
        try (TimescaleStore store = TimescaleStore.create(options)) {
            try (TickProducer producer = new TickProducer(store.tickSink(), 50, 5_000).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> store.health().written() >= 2_000);

                cluster.stop("fast");
                long atStop = producer.sent();
                await().atMost(Duration.ofSeconds(30)).until(() -> store.health().spillBacklog() > 0
                        && producer.sent() > atStop + 3_000);
                StoreHealth down = store.health();
                assertThat(down.status()).isEqualTo(StoreHealth.Status.DEGRADED);
                assertThat(down.lastError()).isNotNull();
                assertThat(down.backlog()).isGreaterThan(3_000);

                cluster.start();
                long atRestart = producer.sent();
                await().atMost(Duration.ofSeconds(30)).until(() -> producer.sent() > atRestart + 2_000);
            }
            // One snapshot: the writer moves rows from backlog to written between two calls.
            StoreHealth settled = store.health();
            long total = settled.written() + settled.backlog();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                // The engine keeps calling the timer after the last tick; so does this poll.
                store.tickSink().onTimer(System.currentTimeMillis());
                long[] stats = countAndMax(url);
                if (stats[0] != stats[1]) {
                    outOfOrder.set(true);
                }
                return store.health().backlog() == 0;
            });
            assertThat(store.flush()).isTrue();
            assertThat(store.health().status()).isEqualTo(StoreHealth.Status.UP);

            long[] stats = countAndMax(url);
            assertThat(outOfOrder).as("what is stored is always a prefix of what was sent").isFalse();
            assertThat(stats[0]).isEqualTo(total).isEqualTo(stats[1]);
            List<Tick> back = store.ticks(new TimeRange(0, Long.MAX_VALUE / 2), (int) total + 10);
            assertThat(back).hasSize((int) total);
            for (int i = 0; i < back.size(); i += 997) {
                assertThat(back.get(i)).isEqualTo(TickProducer.tick(back.get(i).ingestSequence()));
            }
        }
    }

    /** Stored ticks and their highest ingest sequence; equal when the stored sequences are exactly 1..n. */
    private static long[] countAndMax(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(max(ingest_sequence), 0), "
                     + "count(DISTINCT ingest_sequence) FROM kite_ticks_data")) {
            rs.next();
            assertThat(rs.getLong(3)).as("no tick stored twice").isEqualTo(rs.getLong(1));
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }
}
