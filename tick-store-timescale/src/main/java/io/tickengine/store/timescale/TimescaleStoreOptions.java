package io.tickengine.store.timescale;

import io.tickengine.core.InvalidConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

/**
 * How a {@link TimescaleStore} connects, buffers, spills and lays out its tables. Immutable; build with
 * {@link #builder(String)}, derive with {@link #mutate()}. The password is never logged and is masked in
 * {@link #toString()}.
 */
public final class TimescaleStoreOptions {
    /** How every database URL this store takes begins (PgJDBC's scheme). */
    public static final String JDBC_URL_PREFIX = "jdbc:postgresql:";
    /** Connections in the pool: one for the writer, the rest for queries and migrations. */
    public static final int DEFAULT_POOL_SIZE = 4;
    /** How long to wait for a connection before a write counts as failed. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one database call may block before it counts as failed. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    /** Longest time a tick waits in memory before it is written (seed 000 used 15 minutes; set it here if wanted). */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** Rows that trigger a write before the interval ends; a write takes up to 4x as many when behind. */
    public static final int DEFAULT_FLUSH_ROWS = 10_000;
    /** Ticks and candles held in memory, unwritten, before new ones spill to disk; what a crash can lose. */
    public static final int DEFAULT_MEMORY_BUFFER_ROWS = 50_000;
    /** Where records wait on disk while the database is down or slow, relative to the working directory. */
    public static final Path DEFAULT_SPILL_DIRECTORY = Path.of("tickengine-spill");
    /** Most bytes the spill files may hold; past it the sink refuses batches and the engine retries them. */
    public static final long DEFAULT_SPILL_CAP_BYTES = 1L << 30;
    /** First wait after a failed write; doubles per failure. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    /** Longest wait between two write attempts while the database is down. */
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
    /** IST wall-clock time of the end-of-day flush, Monday to Friday (seed 000). */
    public static final LocalTime DEFAULT_END_OF_DAY_FLUSH = LocalTime.of(16, 0);
    /** Hypertable chunk length when TimescaleDB is available. */
    public static final Duration DEFAULT_CHUNK_INTERVAL = Duration.ofDays(1);
    /** Age after which TimescaleDB compresses chunks. */
    public static final Duration DEFAULT_COMPRESS_AFTER = Duration.ofDays(7);

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final int poolSize;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration flushInterval;
    private final int flushRows;
    private final int memoryBufferRows;
    private final Path spillDirectory;
    private final long spillCapBytes;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final LocalTime endOfDayFlush;
    private final boolean migrateOnStart;
    private final boolean useTimescale;
    private final Duration chunkInterval;
    private final Duration compressAfter;
    private final Duration retention;
    private final boolean continuousAggregate;

    private TimescaleStoreOptions(Builder b) {
        jdbcUrl = b.jdbcUrl;
        username = b.username;
        password = b.password;
        poolSize = b.poolSize;
        connectTimeout = b.connectTimeout;
        socketTimeout = b.socketTimeout;
        flushInterval = b.flushInterval;
        flushRows = b.flushRows;
        memoryBufferRows = b.memoryBufferRows;
        spillDirectory = b.spillDirectory;
        spillCapBytes = b.spillCapBytes;
        retryBackoff = b.retryBackoff;
        maxRetryBackoff = b.maxRetryBackoff;
        endOfDayFlush = b.endOfDayFlush;
        migrateOnStart = b.migrateOnStart;
        useTimescale = b.useTimescale;
        chunkInterval = b.chunkInterval;
        compressAfter = b.compressAfter;
        retention = b.retention;
        continuousAggregate = b.continuousAggregate;
    }

    /** A builder for a database at {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}), with defaults for the rest. */
    public static Builder builder(String jdbcUrl) {
        return new Builder().jdbcUrl(jdbcUrl);
    }

    /** Options for {@code jdbcUrl} with every default; validated. */
    public static TimescaleStoreOptions create(String jdbcUrl) {
        return builder(jdbcUrl).build();
    }

    /** A builder pre-filled with these options. */
    public Builder mutate() {
        Builder b = new Builder();
        b.jdbcUrl = jdbcUrl;
        b.username = username;
        b.password = password;
        b.poolSize = poolSize;
        b.connectTimeout = connectTimeout;
        b.socketTimeout = socketTimeout;
        b.flushInterval = flushInterval;
        b.flushRows = flushRows;
        b.memoryBufferRows = memoryBufferRows;
        b.spillDirectory = spillDirectory;
        b.spillCapBytes = spillCapBytes;
        b.retryBackoff = retryBackoff;
        b.maxRetryBackoff = maxRetryBackoff;
        b.endOfDayFlush = endOfDayFlush;
        b.migrateOnStart = migrateOnStart;
        b.useTimescale = useTimescale;
        b.chunkInterval = chunkInterval;
        b.compressAfter = compressAfter;
        b.retention = retention;
        b.continuousAggregate = continuousAggregate;
        return b;
    }

    /** See {@link Builder#jdbcUrl}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user name, or null to take it from the URL. */
    public String username() {
        return username;
    }

    /** The password, or null; hand it to the driver only. */
    public String password() {
        return password;
    }

    /** See {@link Builder#poolSize}. */
    public int poolSize() {
        return poolSize;
    }

    /** See {@link Builder#connectTimeout}. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** See {@link Builder#socketTimeout}. */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** See {@link Builder#flushInterval}. */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** See {@link Builder#flushRows}. */
    public int flushRows() {
        return flushRows;
    }

    /** See {@link Builder#memoryBufferRows}. */
    public int memoryBufferRows() {
        return memoryBufferRows;
    }

    /** See {@link Builder#spillDirectory}. */
    public Path spillDirectory() {
        return spillDirectory;
    }

    /** See {@link Builder#spillCapBytes}. */
    public long spillCapBytes() {
        return spillCapBytes;
    }

    /** See {@link Builder#retryBackoff}. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** See {@link Builder#maxRetryBackoff}. */
    public Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }

    /** IST time of the end-of-day flush on weekdays, or null for none. */
    public LocalTime endOfDayFlush() {
        return endOfDayFlush;
    }

    /** Whether {@link TimescaleStore#create} applies the schema migrations. */
    public boolean migrateOnStart() {
        return migrateOnStart;
    }

    /** Whether to use TimescaleDB features when the extension is available. */
    public boolean useTimescale() {
        return useTimescale;
    }

    /** See {@link Builder#chunkInterval}. */
    public Duration chunkInterval() {
        return chunkInterval;
    }

    /** Age after which chunks are compressed, or null for no compression. */
    public Duration compressAfter() {
        return compressAfter;
    }

    /** Age after which tick chunks are dropped, or null to keep ticks forever. */
    public Duration retention() {
        return retention;
    }

    /** Whether to keep the 1-minute continuous aggregate over ticks. */
    public boolean continuousAggregate() {
        return continuousAggregate;
    }

    /** The JDBC URL with any password parameter masked, for logs. */
    public String maskedJdbcUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    @Override
    public String toString() {
        return "TimescaleStoreOptions{jdbcUrl=" + maskedJdbcUrl() + ", username=" + username
                + ", password=" + (password == null ? "null" : "****") + ", poolSize=" + poolSize
                + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout
                + ", flushInterval=" + flushInterval + ", flushRows=" + flushRows
                + ", memoryBufferRows=" + memoryBufferRows + ", spillDirectory=" + spillDirectory
                + ", spillCapBytes=" + spillCapBytes + ", retryBackoff=" + retryBackoff
                + ", maxRetryBackoff=" + maxRetryBackoff + ", endOfDayFlush=" + endOfDayFlush
                + ", migrateOnStart=" + migrateOnStart + ", useTimescale=" + useTimescale
                + ", chunkInterval=" + chunkInterval + ", compressAfter=" + compressAfter
                + ", retention=" + retention + ", continuousAggregate=" + continuousAggregate + '}';
    }

    /** Builds {@link TimescaleStoreOptions}; {@link #build()} validates every value and names the wrong one. */
    public static final class Builder {
        private String jdbcUrl;
        private String username;
        private String password;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private int flushRows = DEFAULT_FLUSH_ROWS;
        private int memoryBufferRows = DEFAULT_MEMORY_BUFFER_ROWS;
        private Path spillDirectory = DEFAULT_SPILL_DIRECTORY;
        private long spillCapBytes = DEFAULT_SPILL_CAP_BYTES;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private LocalTime endOfDayFlush = DEFAULT_END_OF_DAY_FLUSH;
        private boolean migrateOnStart = true;
        private boolean useTimescale = true;
        private Duration chunkInterval = DEFAULT_CHUNK_INTERVAL;
        private Duration compressAfter = DEFAULT_COMPRESS_AFTER;
        private Duration retention;
        private boolean continuousAggregate = true;

        private Builder() {
        }

        /** The {@code jdbc:postgresql:} URL of the database. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** The user name, or null to take it from the URL. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** The password, or null; it is handed to the driver only, never logged. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Pooled connections (at least 2): the writer uses one, queries the rest. */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** How long a write waits for a connection before it counts as failed (at least 250 ms). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long one database call may block before it counts as failed. */
        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return this;
        }

        /** Longest time a record waits in memory before it is written. */
        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /** Records that trigger a write before the interval ends; a write takes up to 4x as many when behind. */
        public Builder flushRows(int flushRows) {
            this.flushRows = flushRows;
            return this;
        }

        /** Records held in memory before new ones spill to disk (at least flushRows); what a crash can lose. */
        public Builder memoryBufferRows(int memoryBufferRows) {
            this.memoryBufferRows = memoryBufferRows;
            return this;
        }

        /** Directory of the spill files; one store at a time may use it. */
        public Builder spillDirectory(Path spillDirectory) {
            this.spillDirectory = spillDirectory;
            return this;
        }

        /** Most bytes the spill files may hold (at least 1 MiB). */
        public Builder spillCapBytes(long spillCapBytes) {
            this.spillCapBytes = spillCapBytes;
            return this;
        }

        /** First wait after a failed write; doubles per failure. */
        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        /** Longest wait between write attempts while the database is down. */
        public Builder maxRetryBackoff(Duration maxRetryBackoff) {
            this.maxRetryBackoff = maxRetryBackoff;
            return this;
        }

        /** IST time of the weekday end-of-day flush; null for none. */
        public Builder endOfDayFlush(LocalTime endOfDayFlush) {
            this.endOfDayFlush = endOfDayFlush;
            return this;
        }

        /** Whether {@link TimescaleStore#create} applies the schema migrations; turn off when they run elsewhere. */
        public Builder migrateOnStart(boolean migrateOnStart) {
            this.migrateOnStart = migrateOnStart;
            return this;
        }

        /** Whether to use TimescaleDB features when the extension is available. */
        public Builder useTimescale(boolean useTimescale) {
            this.useTimescale = useTimescale;
            return this;
        }

        /** Hypertable chunk length. */
        public Builder chunkInterval(Duration chunkInterval) {
            this.chunkInterval = chunkInterval;
            return this;
        }

        /** Age after which chunks are compressed; null turns compression off. */
        public Builder compressAfter(Duration compressAfter) {
            this.compressAfter = compressAfter;
            return this;
        }

        /** Age after which tick chunks are dropped; null (the default) keeps ticks forever. */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** Whether to keep the 1-minute continuous aggregate {@code kite_ticks_candles_1m} over ticks. */
        public Builder continuousAggregate(boolean continuousAggregate) {
            this.continuousAggregate = continuousAggregate;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws InvalidConfigurationException naming the first option that is missing or out of range
         */
        public TimescaleStoreOptions build() {
            if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_URL_PREFIX)) {
                throw new InvalidConfigurationException(
                        "timescale.jdbcUrl must be a jdbc:postgresql: URL, was " + (jdbcUrl == null ? "null" : "'"
                                + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****") + "'"));
            }
            atLeast("timescale.poolSize", poolSize, 2);
            positive("timescale.connectTimeout", connectTimeout);
            if (connectTimeout.toMillis() < 250) {
                throw new InvalidConfigurationException("timescale.connectTimeout must be at least 250 ms, was "
                        + connectTimeout);
            }
            positive("timescale.socketTimeout", socketTimeout);
            positive("timescale.flushInterval", flushInterval);
            atLeast("timescale.flushRows", flushRows, 1);
            atLeast("timescale.memoryBufferRows", memoryBufferRows, flushRows);
            if (spillDirectory == null) {
                throw new InvalidConfigurationException("timescale.spillDirectory must be set");
            }
            if (spillCapBytes < 1L << 20) {
                throw new InvalidConfigurationException("timescale.spillCapBytes must be at least 1 MiB, was "
                        + spillCapBytes);
            }
            positive("timescale.retryBackoff", retryBackoff);
            positive("timescale.maxRetryBackoff", maxRetryBackoff);
            if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
                throw new InvalidConfigurationException("timescale.maxRetryBackoff must not be shorter than "
                        + "timescale.retryBackoff (" + retryBackoff + "), was " + maxRetryBackoff);
            }
            positive("timescale.chunkInterval", chunkInterval);
            if (compressAfter != null) {
                positive("timescale.compressAfter", compressAfter);
            }
            if (retention != null && retention.compareTo(Duration.ofDays(1)) < 0) {
                throw new InvalidConfigurationException(
                        "timescale.retention must be at least 1 day (the continuous aggregate refreshes the last "
                                + "hours), was " + retention);
            }
            return new TimescaleStoreOptions(this);
        }

        private static void atLeast(String name, long value, long min) {
            if (value < min) {
                throw new InvalidConfigurationException(name + " must be at least " + min + ", was " + value);
            }
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidConfigurationException(name + " must be a positive duration, was " + value);
            }
        }
    }
}
