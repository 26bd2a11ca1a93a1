package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Tick;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.sqlite.internal.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file survives a clean restart, an abandoned store (a crash) and a newer schema is refused. */
class RestartTest {
    private static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    @TempDir
    Path dir;

    @Test
    void shouldKeepDataAndSchemaAcrossCloseAndReopen() throws Exception {
        Path file = dir.resolve("restart.db");
        List<Tick> ticks = Fixtures.ticks(3, 30, 1);
        try (SqliteStore first = SqliteStore.open(file)) {
            assertThat(first.schemaVersionFound()).isZero();
            first.tickSink().onBatch(new ArrayList<>(ticks));
            first.candleSink().onCandles(new ArrayList<>(List.of(
                    Fixtures.candle(100, CandleInterval.S1, Fixtures.T0, 500, 0),
                    Fixtures.candle(100, CandleInterval.M5, Fixtures.T0, 500, 0))));
        }

        try (SqliteStore second = SqliteStore.open(file)) {
            assertThat(second.schemaVersionFound()).isEqualTo(Schema.VERSION);
            assertThat(second.ticks().ticks(ALL, 1_000)).extracting(Tick::ingestSequence)
                    .containsExactlyElementsOf(ticks.stream().map(Tick::ingestSequence).toList());
            assertThat(second.candles().candles(100, CandleInterval.M5, ALL, 10)).hasSize(1);
            assertThat(second.lastTickTimes()).containsOnlyKeys(100L, 101L, 102L)
                    .containsEntry(102L, ticks.get(29).eventTime());
            assertThat(second.lastCandleStarts(CandleInterval.S1)).containsExactlyEntriesOf(
                    java.util.Map.of(100L, Fixtures.T0));

            second.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(3, 3, 31)));
            second.tickSink().flush();
            assertThat(second.ticks().ticks(ALL, 1_000)).hasSize(33);
        }
        try (Connection c = Fixtures.connect(file); Statement s = c.createStatement()) {
            assertThat(Schema.userVersion(s)).isEqualTo(Schema.VERSION);
            assertThat(integrityCheck(s)).isEqualTo("ok");
        }
    }

    @Test
    void shouldReadACrashedStoresCommittedDataFromTheFilesItLeft() throws Exception {
        Path file = dir.resolve("crash.db");
        SqliteStore abandoned = SqliteStore.open(SqliteStoreOptions.builder().path(file).maxBatchRows(50).build());
        try {
            abandoned.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(4, 120, 1))); // commits all 120
            abandoned.candleSink().onCandles(new ArrayList<>(Fixtures.candles(4, 60))); // commits all 60
            abandoned.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(4, 10, 121))); // buffered only

            // The process dies here: copy the files as they are on disk, without any close or checkpoint.
            Path image = Files.createDirectories(dir.resolve("image"));
            for (String suffix : List.of("", "-wal")) {
                Path from = Path.of(file + suffix);
                if (Files.exists(from)) {
                    Files.copy(from, Path.of(image.resolve("crash.db") + suffix));
                }
            }

            try (SqliteStore recovered = SqliteStore.open(image.resolve("crash.db"))) {
                assertThat(recovered.ticks().ticks(ALL, 1_000)).hasSize(120);
                assertThat(recovered.candles().candles(100, CandleInterval.S1, ALL, 1_000)).hasSize(15);
                recovered.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(4, 10, 121)));
                recovered.tickSink().flush();
                assertThat(recovered.ticks().ticks(ALL, 1_000)).hasSize(130);
            }
            try (Connection c = Fixtures.connect(image.resolve("crash.db")); Statement s = c.createStatement()) {
                assertThat(integrityCheck(s)).isEqualTo("ok");
            }
        } finally {
            abandoned.close();
        }
    }

    @Test
    void shouldOpenASecondStoreBesideAnAbandonedOne() throws Exception {
        Path file = dir.resolve("abandoned.db");
        SqliteStore abandoned = SqliteStore.open(SqliteStoreOptions.builder().path(file).maxBatchRows(50).build());
        try {
            abandoned.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(2, 100, 1)));
            abandoned.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(2, 10, 101))); // never committed

            try (SqliteStore second = SqliteStore.open(file)) {
                assertThat(second.schemaVersionFound()).isEqualTo(Schema.VERSION);
                assertThat(second.ticks().ticks(ALL, 1_000)).hasSize(100);
                second.tickSink().onBatch(new ArrayList<>(Fixtures.ticks(2, 10, 101)));
                second.tickSink().flush();
                assertThat(second.ticks().ticksByToken(100, ALL, 1_000)).hasSize(55);
            }
        } finally {
            abandoned.close(); // commits its buffer now: the same ticks, ignored by the key
        }
        try (SqliteStore third = SqliteStore.open(file)) {
            assertThat(third.ticks().ticks(ALL, 1_000)).hasSize(110);
        }
    }

    @Test
    void shouldRefuseAFileWithANewerSchema() throws Exception {
        Path file = dir.resolve("newer.db");
        SqliteStore.open(file).close();
        try (Connection c = Fixtures.connect(file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.VERSION + 1));
        }

        assertThatThrownBy(() -> SqliteStore.open(file)).isInstanceOf(UnsupportedSchemaException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void shouldHandTheNewBatchBackWhenACommitFailsAndCommitItOnRetry() throws Exception {
        Path file = dir.resolve("busy.db");
        try (SqliteStore store = SqliteStore.open(SqliteStoreOptions.builder().path(file).maxBatchRows(10)
                .busyTimeout(Duration.ZERO).build()); Connection other = Fixtures.connect(file);
             Statement lock = other.createStatement()) {
            List<Tick> ticks = Fixtures.ticks(1, 12, 1);
            store.tickSink().onBatch(new ArrayList<>(ticks.subList(0, 6)));
            lock.execute("BEGIN IMMEDIATE");

            List<Tick> retried = new ArrayList<>(ticks.subList(6, 12));
            assertThatThrownBy(() -> store.tickSink().onBatch(retried)).isInstanceOf(SQLException.class);

            lock.execute("ROLLBACK");
            store.tickSink().onBatch(retried);
            assertThat(store.ticks().ticks(ALL, 100)).extracting(Tick::ingestSequence)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        }
    }

    private static String integrityCheck(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
