package io.tickengine.store.timescale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tickengine.core.Exchange;
import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.Tick;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.store.CandleHistory;
import io.tickengine.core.store.TickHistory;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.timescale.internal.HistoryQueries;
import io.tickengine.store.timescale.internal.Schema;
import io.tickengine.store.timescale.internal.SpillLog;
import io.tickengine.store.timescale.internal.WritePipeline;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tick and candle history in PostgreSQL, with TimescaleDB features when the extension is available.
 * Register {@link #tickSink()} and {@link #candleSink()} with the engine; query through
 * {@link TickHistory} and {@link CandleHistory}. Writes are batched COPYs, exactly once, and survive a
 * database outage through a memory buffer and spill files. Thread-safe; close it after the engine.
 */
public final class TimescaleStore implements TickHistory, CandleHistory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TimescaleStore.class);

    private final TimescaleStoreOptions options;
    private final HikariDataSource dataSource;
    private final WritePipeline pipeline;
    private final HistoryQueries queries;
    private final boolean timescale;
    private final TickSink tickSink;
    private final CandleSink candleSink;

    private TimescaleStore(TimescaleStoreOptions options, HikariDataSource dataSource, WritePipeline pipeline,
                           boolean timescale) {
        this.options = options;
        this.dataSource = dataSource;
        this.pipeline = pipeline;
        this.timescale = timescale;
        this.queries = new HistoryQueries(Jdbi.create(dataSource).installPlugin(new PostgresPlugin()));
        this.tickSink = new TickWriter();
        this.candleSink = new CandleWriter();
    }

    /**
     * Opens the store: connects, applies migrations (unless turned off), opens the spill directory and
     * starts the writer, which first replays what an earlier run spilled.
     *
     * @throws SchemaMigrationException when the migrations cannot be applied
     * @throws InvalidConfigurationException when the spill directory cannot be used
     */
    public static TimescaleStore create(TimescaleStoreOptions options) {
        Objects.requireNonNull(options, "options");
        HikariDataSource dataSource = dataSource(options);
        try {
            boolean timescale = false;
            if (options.migrateOnStart()) {
                try {
                    timescale = Schema.migrate(dataSource, options);
                } catch (Exception e) {
                    throw new SchemaMigrationException("cannot migrate the schema at " + options.maskedJdbcUrl()
                            + ": " + e.getMessage(), e);
                }
            }
            SpillLog spill;
            try {
                spill = SpillLog.open(options.spillDirectory(), options.spillCapBytes());
            } catch (IOException e) {
                throw new InvalidConfigurationException("timescale.spillDirectory " + options.spillDirectory()
                        + " cannot be used: " + e);
            }
            WritePipeline pipeline = new WritePipeline(dataSource, spill, options);
            pipeline.start();
            LOG.info("timescale store open: {}, timescaledb={}, spill={}", options.maskedJdbcUrl(), timescale,
                    options.spillDirectory().toAbsolutePath());
            return new TimescaleStore(options, dataSource, pipeline, timescale);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * The sink that writes every tick; its overflow policy is {@link OverflowPolicy#NEVER_DROP}. Its
     * {@code flush()} throws {@link FlushIncompleteException} when accepted ticks are not yet in the database.
     */
    public TickSink tickSink() {
        return tickSink;
    }

    /** The sink that upserts candles, keeping the highest revision. */
    public CandleSink candleSink() {
        return candleSink;
    }

    /** The writer's state and backlog. */
    public StoreHealth health() {
        return pipeline.health();
    }

    /** Whether TimescaleDB features (hypertables, compression, aggregate) are in use. */
    public boolean timescaleEnabled() {
        return timescale;
    }

    /** The options this store was opened with. */
    public TimescaleStoreOptions options() {
        return options;
    }

    /** The pooled data source, for the application's own reads of these tables. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Waits until everything accepted is in the database, or safe in the spill while it is down.
     *
     * @return whether everything accepted is in the database
     */
    public boolean flush() throws InterruptedException {
        return pipeline.flush();
    }

    @Override
    public List<Tick> ticksBySymbol(Exchange exchange, String tradingSymbol, TimeRange range, int limit) {
        return queries.ticksBySymbol(exchange, tradingSymbol, range, limit);
    }

    @Override
    public List<Tick> ticksByToken(long instrumentToken, TimeRange range, int limit) {
        return queries.ticksByToken(instrumentToken, range, limit);
    }

    @Override
    public List<Tick> ticksByExchange(Exchange exchange, TimeRange range, int limit) {
        return queries.ticksByExchange(exchange, range, limit);
    }

    @Override
    public List<Tick> ticks(TimeRange range, int limit) {
        return queries.ticks(range, limit);
    }

    @Override
    public OptionalLong lastTickTime(long instrumentToken) {
        return queries.lastTickTime(instrumentToken);
    }

    @Override
    public List<Candle> candles(long instrumentToken, CandleInterval interval, TimeRange range, int limit) {
        return queries.candles(instrumentToken, interval, range, limit);
    }

    @Override
    public OptionalLong lastCandleStart(long instrumentToken, CandleInterval interval) {
        return queries.lastCandleStart(instrumentToken, interval);
    }

    /** Writes what memory holds (or spills it), stops the writer and closes the pool; spilled records wait for the next start. */
    @Override
    public void close() {
        try {
            pipeline.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dataSource.close();
            LOG.info("timescale store closed: {}", pipeline.health());
        }
    }

    /** Stops as a killed process would: memory is lost, spill files stay as they are. For crash tests. */
    void simulateCrash() throws InterruptedException {
        pipeline.crash();
        dataSource.close();
    }

    /** A sink's flush: like {@link #flush()}, but says why when records are not yet in the database. */
    private void flushOrThrow(String sink) throws InterruptedException {
        if (pipeline.flush()) {
            return;
        }
        StoreHealth h = pipeline.health();
        throw new FlushIncompleteException("sink " + sink + " flushed, but not every accepted record is in the "
                + "database yet: " + h.memoryBacklog() + " still in memory, " + h.spillBacklog()
                + " safe in the spill at " + options.spillDirectory().toAbsolutePath() + " (status " + h.status()
                + (h.lastError() == null ? "" : ", last error: " + h.lastError()) + ")");
    }

    private static HikariDataSource dataSource(TimescaleStoreOptions o) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("tickengine-timescale");
        c.setJdbcUrl(o.jdbcUrl());
        if (o.username() != null) {
            c.setUsername(o.username());
        }
        if (o.password() != null) {
            c.setPassword(o.password());
        }
        c.setMaximumPoolSize(o.poolSize());
        c.setMinimumIdle(1);
        c.setConnectionTimeout(o.connectTimeout().toMillis());
        c.setInitializationFailTimeout(-1);
        c.addDataSourceProperty("connectTimeout", Math.max(1, o.connectTimeout().toSeconds()));
        c.addDataSourceProperty("socketTimeout", Math.max(1, o.socketTimeout().toSeconds()));
        c.addDataSourceProperty("tcpKeepAlive", true);
        c.addDataSourceProperty("ApplicationName", "tickengine");
        return new HikariDataSource(c);
    }

    private final class TickWriter implements TickSink {
        @Override
        public String name() {
            return "timescale-ticks";
        }

        @Override
        public OverflowPolicy overflowPolicy() {
            return OverflowPolicy.NEVER_DROP;
        }

        @Override
        public void onBatch(List<Tick> batch) {
            pipeline.accept(batch);
        }

        @Override
        public void onTimer(long nowMillis) {
            pipeline.onTimer(nowMillis);
        }

        @Override
        public void flush() throws InterruptedException {
            flushOrThrow(name());
        }
    }

    private final class CandleWriter implements CandleSink {
        @Override
        public String name() {
            return "timescale-candles";
        }

        @Override
        public void onCandles(List<Candle> batch) {
            pipeline.accept(batch);
        }

        @Override
        public void onTimer(long nowMillis) {
            pipeline.onTimer(nowMillis);
        }

        @Override
        public void flush() throws InterruptedException {
            flushOrThrow(name());
        }
    }
}
