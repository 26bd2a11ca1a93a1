package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;
import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A tick the database can never take is set aside; the rest of its batch is written, in order. */
class BadDataIT {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    @Test
    void shouldWriteTheGoodTicksAndKeepTheBadOnesAside() throws Exception {
        try (TimescaleStore store = TimescaleStore.create(TestStores.options(db, spill).build())) {
            TestStores.truncate(db);
            List<Tick> batch = new ArrayList<>();
            for (long seq = 1; seq <= 100; seq++) {
                batch.add(TickProducer.tick(seq));
                if (seq == 30) {
                    batch.add(TickProducer.tick(1_000).toBuilder().tradingSymbol("BAD\u0000NAME").build()
                            .withIngestSequence(1_000));
                }
                if (seq == 70) {
                    batch.add(TickProducer.tick(1_001).toBuilder().exchangeTimestamp(-300_000_000_000_000L).build()
                            .withIngestSequence(1_001));
                }
            }
            store.tickSink().onBatch(batch);

            assertThat(store.flush()).isTrue();
            assertThat(TestStores.count(db.jdbcUrl(), "SELECT count(*) FROM kite_ticks_data")).isEqualTo(100);
            assertThat(TestStores.count(db.jdbcUrl(), "SELECT max(ingest_sequence) FROM kite_ticks_data"))
                    .isEqualTo(100);
            assertThat(store.health().status()).isEqualTo(StoreHealth.Status.UP);
            assertThat(store.health().lastError()).isNotNull();
            assertThat(Files.size(spill.resolve("rejected.log"))).isPositive();
        }
    }
}
