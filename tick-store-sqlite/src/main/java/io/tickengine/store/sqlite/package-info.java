/**
 * The embedded default store: ticks and candles in one SQLite file (WAL mode, one writer thread per
 * sink, batched transactions), queried through the core's {@link io.tickengine.core.store.TickHistory}
 * and {@link io.tickengine.core.store.CandleHistory}. Start with {@link io.tickengine.store.sqlite.SqliteStore}.
 */
package io.tickengine.store.sqlite;
