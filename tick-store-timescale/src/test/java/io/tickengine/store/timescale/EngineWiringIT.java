package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.source.PushTickSource;
import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The store's sinks behind a real engine: every tick the engine accepts is stored once, flushed on stop. */
class EngineWiringIT {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    @Test
    void shouldStoreEveryTickTheEngineAcceptsAndFlushOnStop() throws Exception {
        try (TimescaleStore store = TimescaleStore.create(TestStores.options(db, spill).build())) {
            TestStores.truncate(db);
            assertThat(store.tickSink().overflowPolicy()).isEqualTo(OverflowPolicy.NEVER_DROP);
            PushTickSource source = PushTickSource.create("frames");
            TickEngine engine = TickEngine.builder().source(source).sink(store.tickSink())
                    .candleSink(store.candleSink()).build();
            engine.start();
            List<Tick> frame = new ArrayList<>();
            for (long seq = 1; seq <= 20_000; seq++) {
                // The engine stamps its own ingest sequence: send unstamped ticks, as a source does.
                frame.add(TickProducer.tick(seq).toBuilder().build());
                if (frame.size() == 100) {
                    source.publishAll(frame);
                    frame = new ArrayList<>();
                }
            }
            assertThat(engine.stop(Duration.ofSeconds(60))).isTrue();

            String url = db.jdbcUrl();
            assertThat(TestStores.count(url, "SELECT count(*) FROM kite_ticks_data")).isEqualTo(20_000);
            assertThat(TestStores.count(url, "SELECT count(DISTINCT ingest_sequence) FROM kite_ticks_data"))
                    .isEqualTo(20_000);
            assertThat(TestStores.count(url, "SELECT max(ingest_sequence) - min(ingest_sequence) + 1 FROM kite_ticks_data"))
                    .as("consecutive engine sequences").isEqualTo(20_000);
            assertThat(store.health().status()).isEqualTo(StoreHealth.Status.UP);
            assertThat(store.health().backlog()).isZero();
        }
    }
}
