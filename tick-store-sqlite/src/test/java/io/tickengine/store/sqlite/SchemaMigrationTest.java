package io.tickengine.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickengine.core.Exchange;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.store.TimeRange;
import io.tickengine.store.sqlite.internal.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written by schema version 1 opens with every candle kept, re-keyed by token, and takes new writes. */
class SchemaMigrationTest {
    private static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    @TempDir
    Path dir;

    @Test
    void shouldRekeyVersion1CandleTablesKeepingEveryRow() throws Exception {
        Path file = dir.resolve("v1.db");
        try (Connection c = Fixtures.connect(file); Statement s = c.createStatement()) {
            Schema.migrate(c, 1);
            // Version 1 made the coarser tables on first use in candles_1s's shape, with their own token index.
            String ddl = scalar(s, "SELECT sql FROM sqlite_master WHERE name = 'candles_1s'");
            s.execute(ddl.replace("candles_1s", "candles_1m"));
            s.execute("CREATE INDEX candles_1m_token_ts ON candles_1m (token, ts)");
            s.execute("INSERT INTO candles_1s VALUES ('NSE', 100, " + Fixtures.T0 + ", 2, 1001, 1012, 990, 1005, 7, 3, 1),"
                    + " ('', 100, " + Fixtures.T0 + ", 2, 5, 6, 4, 5, 1, 1, 0),"
                    + " ('NSE', 101, " + (Fixtures.T0 + 1_000) + ", 2, 2001, 2002, 2000, 2001, 9, 2, 0)");
            s.execute("INSERT INTO candles_1m VALUES ('NSE', 100, " + Fixtures.T0 + ", 4, 123456789, 123456790,"
                    + " 123456780, 123456785, 70, 30, 0)");
        }

        try (SqliteStore store = SqliteStore.open(file)) {
            assertThat(store.schemaVersionFound()).isEqualTo(1);
            List<Candle> s1 = store.candles().candles(100, CandleInterval.S1, ALL, 10);
            assertThat(s1).extracting(Candle::exchange).containsExactlyInAnyOrder(null, Exchange.NSE);
            Candle nse = s1.stream().filter(k -> k.exchange() != null).findFirst().orElseThrow();
            assertThat(List.of(nse.open(), nse.high(), nse.low(), nse.close(), nse.volume()))
                    .containsExactly(1001L, 1012L, 990L, 1005L, 7L);
            assertThat(nse.revision()).isEqualTo(1);
            assertThat(store.candles().candles(100, CandleInterval.M1, ALL, 10)).singleElement()
                    .satisfies(k -> assertThat(List.of((long) k.priceScale(), k.close())).containsExactly(4L, 123_456_785L));
            assertThat(store.lastCandleStarts(CandleInterval.S1)).containsEntry(100L, Fixtures.T0)
                    .containsEntry(101L, Fixtures.T0 + 1_000);

            // The upsert still keeps the highest revision on the new key.
            store.candleSink().onCandles(new ArrayList<>(List.of(
                    Fixtures.candle(100, CandleInterval.S1, Fixtures.T0, 1_100, 0),
                    Fixtures.candle(101, CandleInterval.S1, Fixtures.T0 + 1_000, 2_100, 1))));
            store.candleSink().flush();
            assertThat(store.candles().candles(100, CandleInterval.S1, ALL, 10))
                    .filteredOn(k -> k.exchange() != null).singleElement().extracting(Candle::close).isEqualTo(1005L);
            assertThat(store.candles().candles(101, CandleInterval.S1, ALL, 10)).singleElement()
                    .extracting(Candle::close).isEqualTo(2_100L);
        }

        try (Connection c = Fixtures.connect(file); Statement s = c.createStatement()) {
            assertThat(Schema.userVersion(s)).isEqualTo(Schema.VERSION);
            assertThat(scalar(s, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name GLOB 'candles_*'"))
                    .isEqualTo("0");
            assertThat(scalar(s, "SELECT sql FROM sqlite_master WHERE name = 'candles_1m'"))
                    .contains("PRIMARY KEY (token, ts, exchange)");
            assertThat(scalar(s, "PRAGMA integrity_check")).isEqualTo("ok");
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
