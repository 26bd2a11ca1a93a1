package io.tickengine.store.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.timescale.internal.Schema;
import io.tickengine.testkit.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries by symbol go through {@code tick_symbols}: migration V3 fills it from ticks already stored, the
 * writer keeps it in step, and a symbol keeps its whole history when its instrument token changes.
 */
class SymbolTableIT {
    private static final long DAY = 86_400_000L;
    private static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @TempDir
    Path spill;

    @Test
    void shouldFillTheSymbolTableFromTicksStoredBeforeV3WhenTwoStoresMigrateAtOnce() throws Exception {
        try (TestStores.Scratch scratch = TestStores.scratchDatabase("tick_test_v3")) {
            String url = scratch.url();
            try (Connection c = DriverManager.getConnection(url)) {
                Flyway.configure(Schema.class.getClassLoader()).dataSource(url, null, null)
                        .locations("classpath:db/tickengine/timescale").table(Schema.HISTORY_TABLE).target("2")
                        .load().migrate();
                try (Statement s = c.createStatement()) {
                    // 1,000 ticks as V2 stored them: INFY under two tokens (re-listed on day 2), RELIANCE,
                    // and ticks without a symbol or an exchange, which the symbol table leaves out.
                    s.execute("INSERT INTO kite_ticks_data (instrument_token, tradingsymbol, exchange, tick_timestamp, "
                            + "ingest_sequence, receive_ts, mode, tradable, price_scale, last_price, last_quantity, "
                            + "average_price, volume, total_buy_quantity, total_sell_quantity, day_open, day_high, "
                            + "day_low, prev_close, change, open_interest, oi_day_high, oi_day_low, upper_circuit, "
                            + "lower_circuit, week52_high, week52_low) "
                            + "SELECT CASE WHEN i % 4 = 0 THEN 738561 WHEN i < 500 THEN 408065 ELSE 408066 END, "
                            + "CASE i % 4 WHEN 0 THEN 'RELIANCE' WHEN 3 THEN NULL ELSE 'INFY' END, "
                            + "CASE WHEN i % 8 = 2 THEN NULL ELSE 'NSE' END, "
                            + "to_timestamp(1731988800 + i * 180), i, to_timestamp(1731988800 + i * 180), 'LTP', true, 2, "
                            + "150000 + i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 "
                            + "FROM generate_series(1, 1000) i");
                }
            }
            TestStores.openTwoAtOnce(url, spill);

            assertThat(rows(url, "SELECT exchange || ' ' || tradingsymbol || ' ' || instrument_token FROM tick_symbols "
                    + "ORDER BY 1")).containsExactly("NSE INFY 408065", "NSE INFY 408066", "NSE RELIANCE 738561");
            assertThat(rows(url, "SELECT indexname FROM pg_indexes WHERE tablename = 'kite_ticks_data' ORDER BY 1"))
                    .containsExactly("kite_ticks_data_pkey", "kite_ticks_timestamp_idx");
            assertThat(TestStores.count(url, "SELECT count(*) FROM tickengine_schema_history WHERE success"))
                    .isEqualTo(3);
            try (TimescaleStore store = TimescaleStore.create(TestStores.options(url, spill.resolve("z")).build())) {
                long expected = TestStores.count(url, "SELECT count(*) FROM kite_ticks_data "
                        + "WHERE exchange = 'NSE' AND tradingsymbol = 'INFY'");
                List<Tick> infy = store.ticksBySymbol(Exchange.NSE, "INFY", ALL, 10_000);
                assertThat(infy).hasSize((int) expected);
                assertThat(infy).extracting(Tick::instrumentToken).containsOnly(408_065L, 408_066L);
                assertThat(infy).extracting(Tick::ingestSequence).isSorted();
                assertThat(store.ticksByExchange(Exchange.NSE, ALL, 10_000)).hasSize((int) TestStores.count(url,
                        "SELECT count(*) FROM kite_ticks_data WHERE exchange = 'NSE'"));
            }
        }
    }

    @Test
    void shouldReturnEveryTickOfASymbolWhoseTokenChangedAcrossDays() throws Exception {
        try (TimescaleStore store = TimescaleStore.create(TestStores.options(db, spill.resolve("a")).build())) {
            TestStores.truncate(db);
            long t0 = TickProducer.T0;
            // Day 1: NIFTYFUT is token 100. Day 2: it is re-listed as token 200, and token 100 now names
            // another contract. A tick without a symbol is stored but cannot be found by symbol.
            store.tickSink().onBatch(List.of(tick(100, "NIFTYFUT", t0, 1), tick(100, "NIFTYFUT", t0 + 1_000, 2),
                    tick(100, null, t0 + 2_000, 3)));
            store.tickSink().onBatch(List.of(tick(200, "NIFTYFUT", t0 + DAY, 4), tick(100, "BANKFUT", t0 + DAY, 5),
                    tick(200, "NIFTYFUT", t0 + DAY + 1_000, 6)));
            assertThat(store.flush()).isTrue();

            List<Tick> nifty = store.ticksBySymbol(Exchange.NFO, "NIFTYFUT", ALL, 100);
            assertThat(nifty).extracting(Tick::ingestSequence).containsExactly(1L, 2L, 4L, 6L);
            assertThat(nifty).extracting(Tick::instrumentToken).containsExactly(100L, 100L, 200L, 200L);
            assertThat(store.ticksBySymbol(Exchange.NFO, "NIFTYFUT", ALL, 3)).extracting(Tick::ingestSequence)
                    .containsExactly(1L, 2L, 4L);
            assertThat(store.ticksBySymbol(Exchange.NFO, "NIFTYFUT", new TimeRange(t0 + 1_000, t0 + DAY + 1_000), 100))
                    .extracting(Tick::ingestSequence).containsExactly(2L, 4L);
            assertThat(store.ticksBySymbol(Exchange.NFO, "BANKFUT", ALL, 100)).extracting(Tick::ingestSequence)
                    .containsExactly(5L);
            assertThat(store.ticksBySymbol(Exchange.NSE, "NIFTYFUT", ALL, 100)).isEmpty();
            assertThat(store.ticksByToken(100, ALL, 100)).extracting(Tick::ingestSequence).containsExactly(1L, 2L, 3L,
                    5L);
            assertThat(rows(db.jdbcUrl(), "SELECT tradingsymbol || ' ' || instrument_token FROM tick_symbols "
                    + "ORDER BY 1")).containsExactly("BANKFUT 100", "NIFTYFUT 100", "NIFTYFUT 200");
        }
    }

    @Test
    void shouldAddASymbolAgainAfterARestartAndNeverDuplicateIt() throws Exception {
        long t0 = TickProducer.T0;
        try (TimescaleStore first = TimescaleStore.create(TestStores.options(db, spill.resolve("b")).build())) {
            TestStores.truncate(db);
            first.tickSink().onBatch(List.of(tick(300, "SBIN", t0 + 1_000, 1)));
            assertThat(first.flush()).isTrue();
        }
        // A second store knows nothing of the first one's symbols and writes the same one again.
        try (TimescaleStore second = TimescaleStore.create(TestStores.options(db, spill.resolve("c")).build())) {
            second.tickSink().onBatch(List.of(tick(300, "SBIN", t0 + 2_000, 2)));
            assertThat(second.flush()).isTrue();
            assertThat(TestStores.count(db.jdbcUrl(), "SELECT count(*) FROM tick_symbols")).isEqualTo(1);
            assertThat(second.ticksBySymbol(Exchange.NFO, "SBIN", ALL, 100)).extracting(Tick::ingestSequence)
                    .containsExactly(1L, 2L);
        }
    }

    private static Tick tick(long token, String symbol, long time, long seq) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NFO).tradingSymbol(symbol).tradable(true)
                .mode(TickMode.LTP).priceScale(2).lastPrice(2_400_000 + seq).exchangeTimestamp(time)
                .receiveTimestamp(time + 5).build().withIngestSequence(seq);
    }

    private static List<String> rows(String url, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
