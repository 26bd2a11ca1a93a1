package io.tickengine.store.timescale.internal;

import io.tickengine.store.timescale.TimescaleStoreOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TimescaleDB layer over the plain PostgreSQL schema, applied at every start and only when the
 * extension is available: hypertables, compression, an optional retention policy and a continuous
 * aggregate of 1-minute candles from ticks. Every statement is idempotent; policies are replaced so
 * changed options take effect. Needs TimescaleDB 2.13 or later ({@code by_range}).
 */
public final class TimescaleSetup {
    static final String AVAILABLE = "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'";
    static final String ENABLE = "CREATE EXTENSION IF NOT EXISTS timescaledb";
    static final String AGGREGATE = "kite_ticks_candles_1m";
    private static final Logger LOG = LoggerFactory.getLogger(TimescaleSetup.class);

    /** How the setup reaches the database; tests record what it would run. */
    public interface Sql {
        /** Whether the query returns a row. */
        boolean exists(String query) throws SQLException;

        /** Runs one statement in its own transaction. */
        void execute(String statement) throws SQLException;
    }

    private TimescaleSetup() {
    }

    /**
     * Applies the TimescaleDB layer when the options allow it and the extension is available.
     *
     * @return whether TimescaleDB features are in use
     * @throws SQLException when the extension is enabled but a statement fails
     */
    public static boolean apply(Sql sql, TimescaleStoreOptions options) throws SQLException {
        if (!options.useTimescale()) {
            LOG.info("TimescaleDB features are off (timescale.useTimescale=false); plain PostgreSQL tables");
            return false;
        }
        if (!sql.exists(AVAILABLE)) {
            LOG.info("TimescaleDB extension is not available; plain PostgreSQL tables");
            return false;
        }
        try {
            sql.execute(ENABLE);
        } catch (SQLException e) {
            LOG.warn("TimescaleDB is available but could not be enabled ({}); plain PostgreSQL tables", e.getMessage());
            return false;
        }
        for (String statement : statements(sql, options)) {
            sql.execute(statement);
        }
        LOG.info("TimescaleDB features applied: hypertables, compression after {}, retention {}, aggregate {}",
                options.compressAfter(), options.retention(), options.continuousAggregate() ? AGGREGATE : "off");
        return true;
    }

    /** The statements after {@code CREATE EXTENSION}, in order; asks whether compression is already on. */
    static List<String> statements(Sql sql, TimescaleStoreOptions o) throws SQLException {
        List<String> out = new ArrayList<>();
        String chunk = interval(o.chunkInterval());
        out.add("SELECT create_hypertable('kite_ticks_data', by_range('tick_timestamp', " + chunk + "), "
                + "create_default_indexes => FALSE, if_not_exists => TRUE, migrate_data => TRUE)");
        out.add("SELECT create_hypertable('candles_1s', by_range('ts', " + chunk + "), "
                + "create_default_indexes => FALSE, if_not_exists => TRUE, migrate_data => TRUE)");
        compression(sql, out, o, "kite_ticks_data", "instrument_token", "tick_timestamp, ingest_sequence, receive_ts");
        compression(sql, out, o, "candles_1s", "exchange, instrument_token", "ts");
        out.add("SELECT remove_retention_policy('kite_ticks_data', if_exists => TRUE)");
        if (o.retention() != null) {
            out.add("SELECT add_retention_policy('kite_ticks_data', drop_after => " + interval(o.retention()) + ")");
        }
        if (o.continuousAggregate()) {
            // first/last order by receive_ts: exchange timestamps have 1 s resolution, so they tie.
            out.add("CREATE MATERIALIZED VIEW IF NOT EXISTS " + AGGREGATE + " WITH (timescaledb.continuous) AS "
                    + "SELECT instrument_token, time_bucket(INTERVAL '1 minute', tick_timestamp) AS bucket, "
                    + "price_scale, first(last_price, receive_ts) AS open, max(last_price) AS high, "
                    + "min(last_price) AS low, last(last_price, receive_ts) AS close, "
                    + "max(volume) - min(volume) AS volume, count(*) AS ticks_count "
                    + "FROM kite_ticks_data GROUP BY instrument_token, bucket, price_scale WITH NO DATA");
            out.add("SELECT add_continuous_aggregate_policy('" + AGGREGATE + "', start_offset => INTERVAL '2 hours', "
                    + "end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute', "
                    + "if_not_exists => TRUE)");
        }
        return out;
    }

    private static void compression(Sql sql, List<String> out, TimescaleStoreOptions o, String table,
                                    String segmentBy, String orderBy) throws SQLException {
        out.add("SELECT remove_compression_policy('" + table + "', if_exists => TRUE)");
        if (o.compressAfter() == null) {
            return;
        }
        // Changing compression settings fails once chunks are compressed, so set them only once.
        boolean enabled = sql.exists("SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_schema = "
                + "current_schema() AND hypertable_name = '" + table + "' AND compression_enabled");
        if (!enabled) {
            out.add("ALTER TABLE " + table + " SET (timescaledb.compress, timescaledb.compress_segmentby = '"
                    + segmentBy + "', timescaledb.compress_orderby = '" + orderBy + "')");
        }
        out.add("SELECT add_compression_policy('" + table + "', compress_after => " + interval(o.compressAfter())
                + ")");
    }

    private static String interval(Duration d) {
        return "INTERVAL '" + d.toSeconds() + " seconds'";
    }
}
