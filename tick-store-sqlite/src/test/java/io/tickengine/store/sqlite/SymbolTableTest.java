package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.sqlite.internal.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries by symbol go through {@code tick_symbols}: schema 3 fills it from ticks already stored, the
 * writer keeps it in step (only once a batch committed), and a symbol keeps its whole history when its
 * instrument token changes.
 */
class SymbolTableTest {
    private static final long DAY = 86_400_000L;
    private static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);
    /** Version 2's query by symbol, on the index {@code ticks_symbol_time} that version 3 drops. */
    private static final String V2_BY_SYMBOL = "SELECT instrument_token || ' ' || ingest_sequence FROM ticks"
            + " WHERE exchange = ? AND tradingsymbol = ? AND tick_timestamp >= ? AND tick_timestamp < ?"
            + " ORDER BY tick_timestamp, ingest_sequence LIMIT ?";

    @TempDir
    Path dir;

    @Test
    void shouldFillTheSymbolTableFromTicksStoredByVersion2AndAnswerAsBefore() throws Exception {
        Path file = dir.resolve("v2.db");
        TimeRange day2 = new TimeRange(Fixtures.T0 + 40_000_000L, Fixtures.T0 + 120_000_000L);
        List<String> infyBefore;
        List<String> infyDay2Before;
        List<String> relianceBefore;
        try (Connection c = Fixtures.connect(file); Statement s = c.createStatement()) {
            Schema.migrate(c, 2);
            // 1,000 ticks: INFY under two tokens (re-listed half way), RELIANCE, and ticks without a
            // symbol or an exchange, which the symbol table leaves out.
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                    + " INSERT INTO ticks (instrument_token, tradingsymbol, exchange, tick_timestamp, ingest_sequence,"
                    + " receive_timestamp, exchange_timestamp, mode, tradable, price_scale, last_price, last_quantity,"
                    + " average_price, volume, total_buy_quantity, total_sell_quantity, open, high, low, close, change,"
                    + " last_trade_time, feed_sequence, open_interest, oi_day_high, oi_day_low, upper_circuit,"
                    + " lower_circuit, week52_high, week52_low)"
                    + " SELECT CASE WHEN i % 4 = 0 THEN 738561 WHEN i < 500 THEN 408065 ELSE 408066 END,"
                    + " CASE i % 4 WHEN 0 THEN 'RELIANCE' WHEN 3 THEN NULL ELSE 'INFY' END,"
                    + " CASE WHEN i % 8 = 2 THEN NULL ELSE 'NSE' END,"
                    + " " + Fixtures.T0 + " + i * 180000, i, " + Fixtures.T0 + " + i * 180000 + 5, "
                    + Fixtures.T0 + " + i * 180000, 'LTP', 1, 2, 150000 + i,"
                    + " 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM n");
            infyBefore = v2BySymbol(c, "INFY", ALL, 10_000);
            infyDay2Before = v2BySymbol(c, "INFY", day2, 50);
            relianceBefore = v2BySymbol(c, "RELIANCE", ALL, 10_000);
        }
        assertThat(infyBefore).hasSize(375);
        assertThat(infyDay2Before).hasSize(50);

        try (SqliteStore store = SqliteStore.open(file)) {
            assertThat(store.schemaVersionFound()).isEqualTo(2);
            assertThat(keys(store.ticks().ticksBySymbol(Exchange.NSE, "INFY", ALL, 10_000))).isEqualTo(infyBefore);
            assertThat(keys(store.ticks().ticksBySymbol(Exchange.NSE, "INFY", day2, 50))).isEqualTo(infyDay2Before);
            assertThat(keys(store.ticks().ticksBySymbol(Exchange.NSE, "RELIANCE", ALL, 10_000)))
                    .isEqualTo(relianceBefore);
            assertThat(store.ticks().ticksBySymbol(Exchange.BSE, "INFY", ALL, 10_000)).isEmpty();
        }

        try (Connection c = Fixtures.connect(file); Statement s = c.createStatement()) {
            assertThat(Schema.userVersion(s)).isEqualTo(Schema.VERSION);
            assertThat(rows(c, "SELECT exchange || ' ' || tradingsymbol || ' ' || instrument_token FROM tick_symbols ORDER BY 1"))
                    .containsExactly("NSE INFY 408065", "NSE INFY 408066", "NSE RELIANCE 738561");
            assertThat(rows(c, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticks' ORDER BY 1"))
                    .containsExactly("ticks_exchange_time", "ticks_key", "ticks_time");
            assertThat(rows(c, "PRAGMA integrity_check")).containsExactly("ok");
        }
    }

    @Test
    void shouldKeepEveryTickOfASymbolWhoseTokenChangedAndOfATokenWhoseSymbolChanged() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("relisted.db"))) {
            long t0 = Fixtures.T0;
            // Day 1: NIFTYFUT is token 100. Day 2: it is re-listed as token 200, and token 100 now names
            // BANKFUT. A tick without a symbol is stored but cannot be found by symbol.
            write(store, tick(100, "NIFTYFUT", t0, 1), tick(100, "NIFTYFUT", t0 + 1_000, 2), tick(100, null, t0 + 2_000, 3));
            write(store, tick(200, "NIFTYFUT", t0 + DAY, 4), tick(100, "BANKFUT", t0 + DAY, 5),
                    tick(200, "NIFTYFUT", t0 + DAY + 1_000, 6));

            assertThat(keys(store.ticks().ticksBySymbol(Exchange.NFO, "NIFTYFUT", ALL, 100)))
                    .containsExactly("100 1", "100 2", "200 4", "200 6");
            assertThat(keys(store.ticks().ticksBySymbol(Exchange.NFO, "NIFTYFUT", ALL, 3)))
                    .containsExactly("100 1", "100 2", "200 4");
            assertThat(keys(store.ticks().ticksBySymbol(Exchange.NFO, "NIFTYFUT",
                    new TimeRange(t0 + 1_000, t0 + DAY + 1_000), 100))).containsExactly("100 2", "200 4");
            assertThat(keys(store.ticks().ticksBySymbol(Exchange.NFO, "BANKFUT", ALL, 100))).containsExactly("100 5");
            assertThat(store.ticks().ticksBySymbol(Exchange.NSE, "NIFTYFUT", ALL, 100)).isEmpty();
            assertThat(store.ticks().ticksBySymbol(Exchange.NFO, "NIFTYFUT", ALL, 0)).isEmpty();
            assertThat(keys(store.ticks().ticksByToken(100, ALL, 100))).containsExactly("100 1", "100 2", "100 3",
                    "100 5");
        }
        try (Connection c = Fixtures.connect(dir.resolve("relisted.db"))) {
            assertThat(rows(c, "SELECT tradingsymbol || ' ' || instrument_token FROM tick_symbols ORDER BY 1"))
                    .containsExactly("BANKFUT 100", "NIFTYFUT 100", "NIFTYFUT 200");
        }
    }

    @Test
    void shouldAddTheSymbolsOfABatchAgainWhenItsTransactionFailed() throws Exception {
        Path file = dir.resolve("failed.db");
        try (SqliteStore store = SqliteStore.open(file); Connection c = Fixtures.connect(file);
             Statement s = c.createStatement()) {
            // A real failure inside the writer's transaction, after the symbols were inserted.
            s.execute("CREATE TRIGGER reject_99 BEFORE INSERT ON ticks WHEN NEW.ingest_sequence = 99"
                    + " BEGIN SELECT RAISE(ABORT, 'rejected by the test'); END");
            store.tickSink().onBatch(List.of(tick(300, "SBIN", Fixtures.T0, 98), tick(300, "SBIN", Fixtures.T0 + 1, 99)));
            assertThatThrownBy(() -> store.tickSink().flush()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("rejected by the test");
            assertThat(rows(c, "SELECT count(*) FROM tick_symbols")).containsExactly("0");

            s.execute("DROP TRIGGER reject_99");
            store.tickSink().flush();

            assertThat(rows(c, "SELECT tradingsymbol || ' ' || instrument_token FROM tick_symbols ORDER BY 1"))
                    .containsExactly("SBIN 300");
            assertThat(keys(store.ticks().ticksBySymbol(Exchange.NFO, "SBIN", ALL, 100)))
                    .containsExactly("300 98", "300 99");
        }
    }

    private static void write(SqliteStore store, Tick... ticks) throws Exception {
        store.tickSink().onBatch(new ArrayList<>(List.of(ticks)));
        store.tickSink().flush();
    }

    private static Tick tick(long token, String symbol, long time, long seq) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NFO).tradingSymbol(symbol).tradable(true)
                .mode(TickMode.LTP).priceScale(2).lastPrice(2_400_000 + seq).exchangeTimestamp(time)
                .receiveTimestamp(time + 5).build().withIngestSequence(seq);
    }

    private static List<String> keys(List<Tick> ticks) {
        return ticks.stream().map(t -> t.instrumentToken() + " " + t.ingestSequence()).toList();
    }

    private static List<String> v2BySymbol(Connection c, String symbol, TimeRange range, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(V2_BY_SYMBOL)) {
            p.setString(1, "NSE");
            p.setString(2, symbol);
            p.setLong(3, range.fromMillis());
            p.setLong(4, range.toMillis());
            p.setInt(5, limit);
            return rows(p.executeQuery());
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return rows(s.executeQuery(sql));
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        try (rs) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
