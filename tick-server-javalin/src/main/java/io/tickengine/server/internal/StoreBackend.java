package io.tickengine.server.internal;

import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.store.CandleHistory;
import io.tickengine.core.store.TickHistory;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.store.sqlite.SqliteStore;
import io.tickengine.store.sqlite.SqliteStoreOptions;
import io.tickengine.store.timescale.StoreHealth;
import io.tickengine.store.timescale.TimescaleStore;
import io.tickengine.store.timescale.TimescaleStoreOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The durable store the server writes to and queries: PostgreSQL/TimescaleDB when {@code DB_URL} is
 * set, else the embedded SQLite file.
 *
 * @param kind {@code timescale} or {@code sqlite}, for health
 * @param location where it is, without credentials
 * @param tickSink the tick writer
 * @param candleSink the candle writer
 * @param ticks tick history queries
 * @param candles candle history queries
 * @param closeable releases the store after the engine stopped
 * @param degraded whether the store is buffering or spilling because its database is unavailable
 */
public record StoreBackend(String kind, String location, TickSink tickSink, CandleSink candleSink, TickHistory ticks,
                           CandleHistory candles, AutoCloseable closeable, BooleanSupplier degraded) {
    public StoreBackend {
        Objects.requireNonNull(tickSink, "tickSink");
        Objects.requireNonNull(candleSink, "candleSink");
    }

    /** Opens the store the options ask for. */
    public static StoreBackend open(ServerOptions options) {
        if (options.dbUrl() != null) {
            // Ticks wait on disk beside the SQLite default while PostgreSQL is unreachable (./data/spill by default).
            Path data = options.sqlitePath().toAbsolutePath().getParent();
            TimescaleStoreOptions.Builder b = TimescaleStoreOptions.builder(options.dbUrl())
                    .spillDirectory(data.resolve("spill"));
            if (options.dbUsername() != null) {
                b.username(options.dbUsername());
            }
            if (options.dbPassword() != null) {
                b.password(options.dbPassword());
            }
            TimescaleStore store = TimescaleStore.create(b.build());
            return new StoreBackend("timescale", store.options().toString(), store.tickSink(), store.candleSink(),
                    store, store, store, () -> store.health().status() != StoreHealth.Status.UP);
        }
        SqliteStore store = SqliteStore.open(SqliteStoreOptions.builder().path(options.sqlitePath()).build());
        return new StoreBackend("sqlite", options.sqlitePath().toString(), store.tickSink(), store.candleSink(),
                store.ticks(), store.candles(), store, () -> false);
    }

    /** The engine names of the store's two sinks, so health can tell store sinks from the others. */
    public Set<String> sinkNames() {
        return Set.of(tickSink.name(), candleSink.name());
    }
}
