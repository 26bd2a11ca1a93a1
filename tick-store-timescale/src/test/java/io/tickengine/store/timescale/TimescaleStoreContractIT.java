package io.tickengine.store.timescale;

import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.store.CandleHistory;
import io.tickengine.core.store.StoreContract;
import io.tickengine.core.store.TickHistory;
import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shared store contract against a real PostgreSQL. */
class TimescaleStoreContractIT extends StoreContract {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    @Override
    protected Store createStore() throws Exception {
        TimescaleStore store = TimescaleStore.create(TestStores.options(db, spill).build());
        TestStores.truncate(db);
        return new Store() {
            @Override
            public TickSink tickSink() {
                return store.tickSink();
            }

            @Override
            public CandleSink candleSink() {
                return store.candleSink();
            }

            @Override
            public TickHistory ticks() {
                return store;
            }

            @Override
            public CandleHistory candles() {
                return store;
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
