package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.candle.CandleInterval;
import io.tickengine.store.sqlite.internal.SqliteCandleHistory;
import io.tickengine.store.sqlite.internal.SqliteTickHistory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every query shape the histories run is answered from an index, never a table scan or a sort. */
class QueryPlanTest {
    private static final Pattern TABLE_ACCESS = Pattern.compile("\\b(SCAN|SEARCH) (ticks|tick_symbols|candles_\\w+)\\b");

    @TempDir
    Path dir;

    private SqliteStore store;
    private Connection raw;

    @BeforeEach
    void openStore() throws Exception {
        store = SqliteStore.open(dir.resolve("plans.db"));
        store.candleSink().onCandles(new ArrayList<>(List.of(Fixtures.candle(1, CandleInterval.M1, Fixtures.T0, 100, 0))));
        store.candleSink().flush();
        raw = Fixtures.connect(dir.resolve("plans.db"));
    }

    @AfterEach
    void closeStore() throws SQLException {
        raw.close();
        store.close();
    }

    @Test
    void shouldAnswerTickQueriesFromTheirIndexes() throws SQLException {
        assertUsesAccess(SqliteTickHistory.SYMBOL_TOKENS, "USING PRIMARY KEY (exchange=? AND tradingsymbol=?)");
        assertUsesAccess(SqliteTickHistory.BY_SYMBOL_TOKEN,
                "USING INDEX ticks_key (instrument_token=? AND tick_timestamp>? AND tick_timestamp<?)");
        assertUsesIndex(SqliteTickHistory.BY_TOKEN, "ticks_key");
        assertUsesIndex(SqliteTickHistory.BY_EXCHANGE, "ticks_exchange_time");
        assertUsesIndex(SqliteTickHistory.ALL, "ticks_time");
        assertUsesIndex(SqliteTickHistory.LAST_TIME, "ticks_key");
        assertUsesIndex(SqliteTickHistory.LAST_TIMES, "ticks_key");
    }

    @Test
    void shouldAnswerCandleQueriesFromTheTokenLedKeyOfEachIntervalTable() throws SQLException {
        for (CandleInterval interval : List.of(CandleInterval.S1, CandleInterval.M1)) {
            assertUsesAccess(SqliteCandleHistory.candlesQuery(interval), "USING PRIMARY KEY (token=? AND ts>? AND ts<?)");
            assertUsesAccess(SqliteCandleHistory.lastStartQuery(interval), "USING PRIMARY KEY (token=?)");
            assertUsesAccess(SqliteCandleHistory.lastStartsQuery(interval), "USING PRIMARY KEY");
        }
    }

    private void assertUsesIndex(String sql, String index) throws SQLException {
        assertUsesAccess(sql, "INDEX " + index);
    }

    private void assertUsesAccess(String sql, String access) throws SQLException {
        List<String> plan = plan(sql);
        List<String> lines = plan.stream().filter(line -> TABLE_ACCESS.matcher(line).find()).toList();
        assertThat(lines).as("plan of %s: %s", sql, plan).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(access));
        assertThat(plan).as("plan of %s", sql).noneMatch(line -> line.contains("TEMP B-TREE"));
    }

    private List<String> plan(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString("detail"));
            }
        }
        return lines;
    }
}
