package io.tickengine.store.timescale.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tickengine.core.Exchange;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.store.timescale.TimescaleStoreOptions;
import io.tickengine.testkit.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every history query shape uses an index: EXPLAIN with sequential scans turned off names the index,
 * and the plans are written to {@code target/query-plans.txt} for the docs.
 */
class QueryPlanIT {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();
    private static HikariDataSource dataSource;
    private static Jdbi jdbi;
    private static final StringBuilder PLANS = new StringBuilder();

    @BeforeAll
    static void load() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(db.jdbcUrl());
        Schema.migrate(dataSource, TimescaleStoreOptions.create(db.jdbcUrl()));
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(SampleRecords.fullTick(i).toBuilder().instrumentToken(408_065 + i % 50)
                    .tradingSymbol("SYM" + i % 50).exchange(i % 50 < 5 ? Exchange.BSE : Exchange.NSE)
                    .exchangeTimestamp(SampleRecords.T0 + i * 1_000L).build().withIngestSequence(i));
            rows.add(new Candle(408_065 + i % 50, null, i % 2 == 0 ? CandleInterval.S1 : CandleInterval.M1,
                    SampleRecords.T0 + i * 60_000L, 2, 1, 2, 0, 1, 10, 3, 0));
        }
        new BatchWriter(dataSource).write(rows);
        jdbi = Jdbi.create(dataSource);
        jdbi.useHandle(h -> h.execute("ANALYZE"));
    }

    @AfterAll
    static void close() throws IOException {
        dataSource.close();
        Files.writeString(Path.of("target", "query-plans.txt"), PLANS);
    }

    @Test
    void shouldServeEveryTickQueryFromAnIndex() {
        assertPlan("ticksByToken", HistoryQueries.BY_TOKEN, q -> q.bind("token", 408_066L), "kite_ticks_data_pkey");
        assertPlan("ticksBySymbol", HistoryQueries.BY_SYMBOL, q -> q.bind("exchange", "NSE").bind("symbol", "SYM13"),
                "tick_symbols_pkey", "kite_ticks_data_pkey");
        assertPlan("ticksByExchange", HistoryQueries.BY_EXCHANGE, q -> q.bind("exchange", "BSE"),
                "kite_ticks_timestamp_idx");
        assertPlan("ticks", HistoryQueries.ALL, q -> q, "kite_ticks_timestamp_idx");
        assertPlan("lastTickTime", HistoryQueries.LAST_TICK, q -> q.bind("token", 408_066L), "kite_ticks_data_pkey");
    }

    @Test
    void shouldServeEveryCandleQueryFromAnIndex() {
        assertPlan("candles 1s", HistoryQueries.CANDLES_1S, q -> q.bind("token", 408_066L), "candles_1s_token_ts_idx");
        assertPlan("candles other", HistoryQueries.CANDLES, q -> q.bind("token", 408_066L).bind("interval", 60),
                "candles_token_interval_ts_idx");
        assertPlan("lastCandleStart 1s", HistoryQueries.LAST_CANDLE_1S, q -> q.bind("token", 408_066L),
                "candles_1s_token_ts_idx");
        assertPlan("lastCandleStart other", HistoryQueries.LAST_CANDLE, q -> q.bind("token", 408_066L)
                .bind("interval", 60), "candles_token_interval_ts_idx");
    }

    private static void assertPlan(String shape, String sql, UnaryOperator<Query> binds, String... indexes) {
        String plan = jdbi.withHandle(h -> explain(h, sql, binds));
        synchronized (PLANS) {
            PLANS.append("-- ").append(shape).append('\n').append(plan).append('\n');
        }
        // With few rows the planner may sort a bitmap scan's output; the index is what matters.
        assertThat(plan).as(shape).contains(indexes).doesNotContain("Seq Scan");
    }

    private static String explain(Handle h, String sql, UnaryOperator<Query> binds) {
        h.execute("SET enable_seqscan = off");
        Query q = binds.apply(h.createQuery("EXPLAIN " + sql));
        if (sql.contains(":from")) {
            q.bind("from", HistoryQueries.time(SampleRecords.T0)).bind("to", HistoryQueries.time(SampleRecords.T0
                    + 600_000)).bind("limit", 100);
        }
        return String.join("\n", q.mapTo(String.class).list());
    }

}
