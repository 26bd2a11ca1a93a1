package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.store.TimeRange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read connections keep their prepared statements between queries: every query shape still sees what
 * was committed after it last ran, and a kept statement holds no read snapshot that would stop a
 * checkpoint.
 */
class StatementReuseTest {
    private static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    @TempDir
    Path dir;

    private SqliteStore store;

    @BeforeEach
    void openStore() {
        store = SqliteStore.open(SqliteStoreOptions.builder().path(dir.resolve("reuse.db")).readConnections(1).build());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldSeeRowsCommittedAfterTheSameQueriesRan() throws Exception {
        writeTicks(Fixtures.ticks(2, 10, 1));
        writeCandles(List.of(Fixtures.candle(100, CandleInterval.S1, Fixtures.T0, 10_000, 0)));
        assertQueries(5, 10, 10_000);

        writeTicks(Fixtures.ticks(2, 10, 11));
        writeCandles(List.of(Fixtures.candle(100, CandleInterval.S1, Fixtures.T0, 20_000, 1),
                Fixtures.candle(100, CandleInterval.S1, Fixtures.T0 + 1_000, 30_000, 0)));
        assertQueries(10, 20, 20_000);
    }

    @Test
    void shouldLeaveNoReadSnapshotOpenBetweenQueries() throws Exception {
        writeTicks(Fixtures.ticks(2, 10, 1));
        assertQueries(5, 10, -1);
        writeTicks(Fixtures.ticks(2, 10, 11));

        try (Connection raw = Fixtures.connect(dir.resolve("reuse.db")); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("checkpoint blocked by a reader").isZero();
        }
        assertThat(store.ticks().ticksByToken(100, ALL, 100)).hasSize(10);
    }

    /** Every query shape, twice, so the second run of each goes through a kept statement. */
    private void assertQueries(int perToken, int perExchange, long firstCandleClose) {
        for (int run = 0; run < 2; run++) {
            assertThat(store.ticks().ticksByToken(100, ALL, 100)).hasSize(perToken)
                    .isSortedAccordingTo((a, b) -> Long.compare(a.eventTime(), b.eventTime()));
            assertThat(store.ticks().ticksBySymbol(Exchange.NSE, "SYM101", ALL, 100)).hasSize(perToken)
                    .extracting(Tick::instrumentToken).containsOnly(101L);
            assertThat(store.ticks().ticksByExchange(Exchange.NSE, ALL, 100)).hasSize(perExchange);
            assertThat(store.ticks().ticks(ALL, 100)).hasSize(perExchange);
            assertThat(store.ticks().lastTickTime(101)).hasValue(Fixtures.T0 + perExchange * 10L);
            assertThat(store.lastTickTimes()).containsEntry(101L, Fixtures.T0 + perExchange * 10L);
            List<Candle> candles = store.candles().candles(100, CandleInterval.S1, ALL, 10);
            if (firstCandleClose < 0) {
                assertThat(candles).isEmpty();
            } else {
                assertThat(candles.get(0).close()).isEqualTo(firstCandleClose);
                assertThat(store.candles().lastCandleStart(100, CandleInterval.S1))
                        .hasValue(candles.get(candles.size() - 1).bucketStart());
            }
        }
    }

    private void writeTicks(List<Tick> ticks) throws Exception {
        store.tickSink().onBatch(new ArrayList<>(ticks));
        store.tickSink().flush();
    }

    private void writeCandles(List<Candle> candles) throws Exception {
        store.candleSink().onCandles(new ArrayList<>(candles));
        store.candleSink().flush();
    }
}
