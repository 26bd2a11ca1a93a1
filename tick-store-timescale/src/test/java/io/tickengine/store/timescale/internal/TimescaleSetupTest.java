package io.tickengine.store.timescale.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.store.timescale.TimescaleStoreOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimescaleSetupTest {
    private static final TimescaleStoreOptions DEFAULTS = TimescaleStoreOptions.create("jdbc:postgresql://h/db");

    @Test
    void shouldRunNoTimescaleSqlWhenTheExtensionIsNotAvailable() throws SQLException {
        RecordingSql sql = new RecordingSql(false);

        assertThat(TimescaleSetup.apply(sql, DEFAULTS)).isFalse();

        assertThat(sql.queries).containsExactly(TimescaleSetup.AVAILABLE);
        assertThat(sql.executed).isEmpty();
    }

    @Test
    void shouldNotEvenLookWhenTurnedOff() throws SQLException {
        RecordingSql sql = new RecordingSql(true);

        assertThat(TimescaleSetup.apply(sql, DEFAULTS.mutate().useTimescale(false).build())).isFalse();

        assertThat(sql.queries).isEmpty();
        assertThat(sql.executed).isEmpty();
    }

    @Test
    void shouldFallBackToPlainTablesWhenTheExtensionCannotBeEnabled() throws SQLException {
        RecordingSql sql = new RecordingSql(true);
        sql.failOn = TimescaleSetup.ENABLE;

        assertThat(TimescaleSetup.apply(sql, DEFAULTS)).isFalse();

        assertThat(sql.executed).containsExactly(TimescaleSetup.ENABLE);
    }

    @Test
    void shouldCreateHypertablesCompressionAndTheAggregateWhenAvailable() throws SQLException {
        RecordingSql sql = new RecordingSql(true);

        assertThat(TimescaleSetup.apply(sql, DEFAULTS)).isTrue();

        String all = String.join("\n", sql.executed);
        assertThat(sql.executed.get(0)).isEqualTo("CREATE EXTENSION IF NOT EXISTS timescaledb");
        assertThat(all)
                .contains("create_hypertable('kite_ticks_data', by_range('tick_timestamp', INTERVAL '86400 seconds')")
                .contains("create_hypertable('candles_1s', by_range('ts', INTERVAL '86400 seconds')")
                .contains("timescaledb.compress_segmentby = 'instrument_token'")
                .contains("timescaledb.compress_orderby = 'tick_timestamp, ingest_sequence, receive_ts'")
                .contains("add_compression_policy('kite_ticks_data', compress_after => INTERVAL '604800 seconds')")
                .contains("remove_retention_policy('kite_ticks_data', if_exists => TRUE)")
                .doesNotContain("add_retention_policy")
                .contains("WITH (timescaledb.continuous)")
                .contains("time_bucket(INTERVAL '1 minute', tick_timestamp)")
                .contains("first(last_price, receive_ts)").contains("last(last_price, receive_ts)")
                .contains("add_continuous_aggregate_policy('kite_ticks_candles_1m'");
    }

    @Test
    void shouldApplyRetentionAndLeaveCompressionSettingsAloneOnceSet() throws SQLException {
        RecordingSql sql = new RecordingSql(true);
        sql.compressionEnabled = true;

        TimescaleSetup.apply(sql, DEFAULTS.mutate().retention(Duration.ofDays(90)).continuousAggregate(false).build());

        String all = String.join("\n", sql.executed);
        assertThat(all).doesNotContain("ALTER TABLE")
                .contains("add_retention_policy('kite_ticks_data', drop_after => INTERVAL '7776000 seconds')")
                .contains("add_compression_policy").doesNotContain("MATERIALIZED VIEW");
    }

    @Test
    void shouldOnlyRemoveCompressionPoliciesWhenCompressionIsOff() throws SQLException {
        RecordingSql sql = new RecordingSql(true);

        TimescaleSetup.apply(sql, DEFAULTS.mutate().compressAfter(null).build());

        String all = String.join("\n", sql.executed);
        assertThat(all).contains("remove_compression_policy('kite_ticks_data', if_exists => TRUE)")
                .doesNotContain("add_compression_policy").doesNotContain("timescaledb.compress,");
    }

    private static final class RecordingSql implements TimescaleSetup.Sql {
        final List<String> queries = new ArrayList<>();
        final List<String> executed = new ArrayList<>();
        final boolean available;
        boolean compressionEnabled;
        String failOn;

        RecordingSql(boolean available) {
            this.available = available;
        }

        @Override
        public boolean exists(String query) {
            queries.add(query);
            return query.contains("pg_available_extensions") ? available : compressionEnabled;
        }

        @Override
        public void execute(String statement) throws SQLException {
            executed.add(statement);
            if (statement.equals(failOn)) {
                throw new SQLException("extension \"timescaledb\" must be preloaded");
            }
        }
    }
}
