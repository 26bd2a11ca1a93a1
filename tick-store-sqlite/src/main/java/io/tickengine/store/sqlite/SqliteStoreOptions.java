package io.tickengine.store.sqlite;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.time.Clock;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a {@link SqliteStore} opens its file and batches its writes. Immutable; build with
 * {@link #builder()}, derive with {@link #mutate()}; every value is validated once, in
 * {@link Builder#build()}.
 */
public final class SqliteStoreOptions {
    /** The database file, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of("data", "tickengine.db");
    /**
     * Buffered rows that make a writer commit at once (seed 003: 100 to 1000 per commit). The top of
     * the seed's range, because a live-order commit writes about one page per instrument it touches.
     */
    public static final int DEFAULT_MAX_BATCH_ROWS = 1_000;
    /** Longest a buffered row waits before its writer commits it (seed 003: 200 ms). */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    /** How long a connection waits for the other writer's lock before failing with SQLITE_BUSY. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** Idle read connections kept open for history queries. */
    public static final int DEFAULT_READ_CONNECTIONS = 4;
    /**
     * Longest time between WAL checkpoints; with {@code synchronous=NORMAL} the WAL reaches the disk
     * only at a checkpoint, so this bounds what a power loss can take back.
     */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    /** The largest batch a writer may be asked to hold. */
    static final int MAX_BATCH_ROWS = 100_000;

    private final Path path;
    private final int maxBatchRows;
    private final Duration flushInterval;
    private final Duration busyTimeout;
    private final int readConnections;
    private final Duration checkpointInterval;
    private final Clock clock;

    private SqliteStoreOptions(Builder b) {
        this.path = b.path;
        this.maxBatchRows = b.maxBatchRows;
        this.flushInterval = b.flushInterval;
        this.busyTimeout = b.busyTimeout;
        this.readConnections = b.readConnections;
        this.checkpointInterval = b.checkpointInterval;
        this.clock = b.clock;
    }

    /** The defaults: {@code ./data/tickengine.db}, 1000 rows or 200 ms per commit. */
    public static SqliteStoreOptions create() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these options. */
    public Builder mutate() {
        return new Builder().path(path).maxBatchRows(maxBatchRows).flushInterval(flushInterval)
                .busyTimeout(busyTimeout).readConnections(readConnections).checkpointInterval(checkpointInterval).clock(clock);
    }

    /** The database file; its parent directories are created on open. */
    public Path path() {
        return path;
    }

    /** Buffered rows that trigger a commit. */
    public int maxBatchRows() {
        return maxBatchRows;
    }

    /** Longest a buffered row waits for its commit. */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** How long a connection waits for a lock held by another connection. */
    public Duration busyTimeout() {
        return busyTimeout;
    }

    /** Idle read connections kept for queries. */
    public int readConnections() {
        return readConnections;
    }

    /** Longest time between WAL checkpoints, the bound on what a power loss can take back. */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** The clock that times buffered rows against {@link #flushInterval()}. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "SqliteStoreOptions{path=" + path + ", maxBatchRows=" + maxBatchRows + ", flushInterval="
                + flushInterval + ", busyTimeout=" + busyTimeout + ", readConnections=" + readConnections + ", checkpointInterval=" + checkpointInterval + '}';
    }

    /** Builds {@link SqliteStoreOptions}; {@link #build()} validates every value. */
    public static final class Builder {
        private Path path = DEFAULT_PATH;
        private int maxBatchRows = DEFAULT_MAX_BATCH_ROWS;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
        private int readConnections = DEFAULT_READ_CONNECTIONS;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private Clock clock = Clock.system();

        private Builder() {
        }

        /** The database file. */
        public Builder path(Path path) {
            this.path = path;
            return this;
        }

        /** Buffered rows that trigger a commit, 1 to 100,000. */
        public Builder maxBatchRows(int maxBatchRows) {
            this.maxBatchRows = maxBatchRows;
            return this;
        }

        /** Longest a buffered row waits for its commit, 1 ms to 1 minute. */
        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /** How long to wait for a lock, 0 to 10 minutes. */
        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = busyTimeout;
            return this;
        }

        /** Idle read connections kept open, 0 to 64. */
        public Builder readConnections(int readConnections) {
            this.readConnections = readConnections;
            return this;
        }

        /** Longest time between WAL checkpoints, 10 ms to 10 minutes. */
        public Builder checkpointInterval(Duration checkpointInterval) {
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        /** The clock that times buffered rows; tests inject a manual one. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws InvalidConfigurationException naming the first invalid option
         */
        public SqliteStoreOptions build() {
            require(path != null, "path must be set");
            require(!path.toString().isBlank(), "path must not be blank");
            require(maxBatchRows >= 1 && maxBatchRows <= MAX_BATCH_ROWS,
                    "maxBatchRows must be 1.." + MAX_BATCH_ROWS + ", was " + maxBatchRows);
            require(flushInterval != null, "flushInterval must be set");
            require(flushInterval.toMillis() >= 1 && flushInterval.compareTo(Duration.ofMinutes(1)) <= 0,
                    "flushInterval must be 1 ms..1 min, was " + flushInterval);
            require(busyTimeout != null, "busyTimeout must be set");
            require(!busyTimeout.isNegative() && busyTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
                    "busyTimeout must be 0..10 min, was " + busyTimeout);
            require(readConnections >= 0 && readConnections <= 64,
                    "readConnections must be 0..64, was " + readConnections);
            require(checkpointInterval != null, "checkpointInterval must be set");
            require(checkpointInterval.toMillis() >= 10 && checkpointInterval.compareTo(Duration.ofMinutes(10)) <= 0,
                    "checkpointInterval must be 10 ms..10 min, was " + checkpointInterval);
            require(clock != null, "clock must be set");
            return new SqliteStoreOptions(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new InvalidConfigurationException("sqlite store options: " + message);
            }
        }
    }
}
