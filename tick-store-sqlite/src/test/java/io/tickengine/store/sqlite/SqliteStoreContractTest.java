package io.tickengine.store.sqlite;

import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.store.CandleHistory;
import io.tickengine.core.store.StoreContract;
import io.tickengine.core.store.TickHistory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreContractTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store createStore() {
        SqliteStore store = SqliteStore.open(dir.resolve("contract.db"));
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
                return store.ticks();
            }

            @Override
            public CandleHistory candles() {
                return store.candles();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
