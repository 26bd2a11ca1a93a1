package io.tickengine.store.sqlite.internal;

import io.tickengine.store.sqlite.SqliteStoreException;
import io.tickengine.store.sqlite.SqliteStoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * One open database file: a connection per writer (tick sink, candle sink), a few read connections,
 * and the schema brought up to date. The two writers of this process queue for a shared fair lock
 * before {@code BEGIN IMMEDIATE}, which wakes the waiter as soon as the other commits (SQLite's busy
 * handler would poll with sleeps; the lock measured about 1.8 times the combined throughput); the busy
 * timeout still covers other processes on the same file. WAL lets readers run beside the writers.
 */
public final class SqliteFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteFile.class);
    /** Page cache per writer connection, in KiB. */
    private static final int WRITER_CACHE_KIB = 32 * 1024;
    /** The WAL is truncated back to this size after a checkpoint that emptied it. */
    private static final int WAL_SIZE_LIMIT_BYTES = 64 << 20;

    private final SqliteStoreOptions options;
    private final int versionFound;
    private final TickWriter tickWriter;
    private final CandleWriter candleWriter;
    private final ReadConnections readers;
    private final SqliteTickHistory tickHistory;
    private final SqliteCandleHistory candleHistory;
    private boolean closed;

    private SqliteFile(SqliteStoreOptions options, int versionFound, TickWriter tickWriter,
                       CandleWriter candleWriter, ReadConnections readers, CandleTables tables) {
        this.options = options;
        this.versionFound = versionFound;
        this.tickWriter = tickWriter;
        this.candleWriter = candleWriter;
        this.readers = readers;
        Jdbi jdbi = Jdbi.create(readers).setStatementBuilderFactory(readers);
        this.tickHistory = new SqliteTickHistory(jdbi);
        this.candleHistory = new SqliteCandleHistory(jdbi, tables);
    }

    /** Opens the file, migrating its schema; closes everything it opened if any step fails. */
    public static SqliteFile open(SqliteStoreOptions options) {
        Path path = options.path().toAbsolutePath();
        String url = "jdbc:sqlite:" + path;
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig writer = writerConfig(options);
            Connection ticks = track(opened, writer.createConnection(url));
            requireWal(ticks, path);
            int found = Schema.migrate(ticks);
            Connection candles = track(opened, writer.createConnection(url));
            CandleTables tables = new CandleTables();
            WriterSettings settings = new WriterSettings(options.maxBatchRows(), options.flushInterval().toMillis(),
                    options.clock(), new Checkpointer(options.checkpointInterval().toMillis(), options.clock().millis()),
                    new ReentrantLock(true));
            TickWriter tickWriter = new TickWriter(ticks, settings);
            CandleWriter candleWriter = new CandleWriter(candles, tables, settings);
            ReadConnections readers = new ReadConnections(url, readerConfig(options), options.readConnections());
            LOG.info("sqlite store opened: {} (schema version {} -> {})", path, found, Schema.VERSION);
            return new SqliteFile(options, found, tickWriter, candleWriter, readers, tables);
        } catch (SQLException | IOException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof SqliteStoreException) {
                throw (SqliteStoreException) e;
            }
            throw new SqliteStoreException("cannot open sqlite store at " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * WAL with {@code synchronous=NORMAL}: commits write the WAL without fsync, checkpoints sync it.
     * The page cache holds the index pages that each commit touches (one per instrument for
     * token-ordered keys), and checkpoints are left to the {@link Checkpointer}'s timer.
     */
    private static SQLiteConfig writerConfig(SqliteStoreOptions options) {
        SQLiteConfig c = readerConfig(options);
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        c.setCacheSize(-WRITER_CACHE_KIB);
        c.setWalAutocheckpoint(Checkpointer.AUTOCHECKPOINT_PAGES);
        c.setJournalSizeLimit(WAL_SIZE_LIMIT_BYTES);
        return c;
    }

    private static SQLiteConfig readerConfig(SqliteStoreOptions options) {
        SQLiteConfig c = new SQLiteConfig();
        c.setBusyTimeout((int) options.busyTimeout().toMillis());
        return c;
    }

    private static Connection track(List<AutoCloseable> opened, Connection c) {
        opened.add(c);
        return c;
    }

    private static void requireWal(Connection c, Path path) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            String mode = rs.next() ? rs.getString(1) : "?";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SqliteStoreException("sqlite store at " + path + " could not enter WAL mode (journal_mode="
                        + mode + "); is the file on a network filesystem?");
            }
        }
    }

    /** The options the file was opened with. */
    public SqliteStoreOptions options() {
        return options;
    }

    /** The schema version the file had before it was opened; 0 for a new file. */
    public int versionFound() {
        return versionFound;
    }

    /** The tick sink, writing through its own connection. */
    public TickWriter tickWriter() {
        return tickWriter;
    }

    /** The candle sink, writing through its own connection. */
    public CandleWriter candleWriter() {
        return candleWriter;
    }

    /** Tick queries over the read connections. */
    public SqliteTickHistory tickHistory() {
        return tickHistory;
    }

    /** Candle queries over the read connections. */
    public SqliteCandleHistory candleHistory() {
        return candleHistory;
    }

    /** Flushes and closes both writers, then the read connections; the first failure is thrown after all are closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        SqliteStoreException failure = null;
        for (AutoCloseable c : List.of(tickWriter, candleWriter, readers)) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new SqliteStoreException("closing sqlite store at " + options.path()
                            + " failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        LOG.info("sqlite store closed: {} ({} tick and {} candle rows committed)", options.path(),
                tickWriter.rowsWritten(), candleWriter.rowsWritten());
        if (failure != null) {
            throw failure;
        }
    }
}
