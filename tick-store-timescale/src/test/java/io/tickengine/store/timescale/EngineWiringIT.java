package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
            FrameSource source = new FrameSource();
            TickEngine engine = TickEngine.builder().source(source).sink(store.tickSink())
                    .candleSink(store.candleSink()).build();
            engine.start();
            List<Tick> frame = new ArrayList<>();
            for (long seq = 1; seq <= 20_000; seq++) {
                // The engine stamps its own ingest sequence: send unstamped ticks, as a source does.
                frame.add(TickProducer.tick(seq).toBuilder().build());
                if (frame.size() == 100) {
                    source.listener.onTicks(frame);
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

    /** A source the test drives by hand. */
    private static final class FrameSource implements TickSource {
        volatile TickListener listener;

        @Override
        public String name() {
            return "frames";
        }

        @Override
        public void start(TickListener l) {
            listener = l;
        }

        @Override
        public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        }

        @Override
        public void unsubscribe(Collection<Long> instrumentTokens) {
        }

        @Override
        public SourceStatus status() {
            return new SourceStatus(name(), SourceState.CONNECTED, "test", 0);
        }

        @Override
        public void close() {
        }
    }
}
