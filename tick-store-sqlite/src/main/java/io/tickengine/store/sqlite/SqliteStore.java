package io.tickengine.store.sqlite;

import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.store.CandleHistory;
import io.tickengine.core.store.TickHistory;
import io.tickengine.store.sqlite.internal.SqliteFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Ticks and candles in one SQLite file: a never-dropping {@link TickSink} and a {@link CandleSink} for
 * the engine, and {@link TickHistory} and {@link CandleHistory} for queries. Each sink writes on the
 * engine's thread for that sink through its own connection; SQLite's WAL lets queries from any thread
 * run while they write. Register the sinks with the engine, stop the engine, then close the store.
 *
 * <p>Durability: a sink commits every {@code maxBatchRows} rows or {@code flushInterval}. With
 * {@code synchronous=NORMAL} in WAL mode a commit survives a crash of the process at once, and a power
 * loss or OS crash once the WAL is synced, which happens at each checkpoint (every
 * {@code checkpointInterval} from the sinks' timers, or sooner when the WAL reaches about 32 MiB); the file stays consistent
 * either way. So a process crash loses at most what the sinks buffered since their last commit (by
 * default 500 rows or 200 ms each, plus what still waits in the engine), and a power loss at most the
 * last second of commits besides.
 */
public final class SqliteStore implements AutoCloseable {
    private final SqliteFile file;

    private SqliteStore(SqliteFile file) {
        this.file = file;
    }

    /**
     * Opens (creating if needed) the file and brings its schema up to date.
     *
     * @throws UnsupportedSchemaException when the file was written by a newer tickengine
     * @throws SqliteStoreException when the file cannot be opened or migrated
     */
    public static SqliteStore open(SqliteStoreOptions options) {
        Objects.requireNonNull(options, "options");
        return new SqliteStore(SqliteFile.open(options));
    }

    /** Opens the file at {@code path} with the default options otherwise. */
    public static SqliteStore open(Path path) {
        Objects.requireNonNull(path, "path");
        return open(SqliteStoreOptions.builder().path(path).build());
    }

    /** The never-dropping tick sink; register it once with the engine. */
    public TickSink tickSink() {
        return file.tickWriter();
    }

    /** The candle sink; register it once with the engine. */
    public CandleSink candleSink() {
        return file.candleWriter();
    }

    /** Queries over stored ticks; thread-safe. */
    public TickHistory ticks() {
        return file.tickHistory();
    }

    /** Queries over stored candles; thread-safe. */
    public CandleHistory candles() {
        return file.candleHistory();
    }

    /** The last stored tick time of every instrument, epoch milliseconds by token, for restart recovery. */
    public Map<Long, Long> lastTickTimes() {
        return file.tickHistory().lastTickTimes();
    }

    /** The last stored bucket start of every instrument for one interval, for restart recovery. */
    public Map<Long, Long> lastCandleStarts(CandleInterval interval) {
        return file.candleHistory().lastCandleStarts(interval);
    }

    /** The schema version the file had before this store opened it; 0 for a new file. */
    public int schemaVersionFound() {
        return file.versionFound();
    }

    /** The options this store was opened with. */
    public SqliteStoreOptions options() {
        return file.options();
    }

    /**
     * Commits what the sinks still buffer and closes the file; idempotent. Stop the engine first, so
     * no sink is writing while it closes.
     *
     * @throws SqliteStoreException when buffered rows could not be written; the file is closed anyway
     */
    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "SqliteStore{" + file.options().path() + '}';
    }
}
