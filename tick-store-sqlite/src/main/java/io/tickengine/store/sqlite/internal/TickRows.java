package io.tickengine.store.sqlite.internal;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@link Tick} to a row of the {@code ticks} table and back, every price exact. */
final class TickRows implements RowMapper<Tick> {
    static final String COLUMNS = "instrument_token, tradingsymbol, exchange, tick_timestamp, ingest_sequence,"
            + " receive_timestamp, exchange_timestamp, mode, tradable, price_scale, last_price, last_quantity,"
            + " average_price, volume, total_buy_quantity, total_sell_quantity, open, high, low, close, change,"
            + " last_trade_time, feed_sequence, open_interest, oi_day_high, oi_day_low, oi_change_percent,"
            + " upper_circuit, lower_circuit, week52_high, week52_low, depth, raw_tick_data";

    /** Idempotent insert: a tick already stored under its key is skipped (see {@link Schema}). */
    static final String INSERT = "INSERT OR IGNORE INTO ticks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static void bind(PreparedStatement ps, Tick t) throws SQLException {
        ps.setLong(1, t.instrumentToken());
        ps.setString(2, t.tradingSymbol());
        ps.setString(3, t.exchange() == null ? null : t.exchange().name());
        ps.setLong(4, t.eventTime());
        ps.setLong(5, t.ingestSequence());
        ps.setLong(6, t.receiveTimestamp());
        ps.setLong(7, t.exchangeTimestamp());
        ps.setString(8, t.mode().name());
        ps.setInt(9, t.tradable() ? 1 : 0);
        ps.setInt(10, t.priceScale());
        ps.setLong(11, t.lastPrice());
        ps.setLong(12, t.lastQuantity());
        ps.setLong(13, t.averagePrice());
        ps.setLong(14, t.volume());
        ps.setLong(15, t.totalBuyQuantity());
        ps.setLong(16, t.totalSellQuantity());
        ps.setLong(17, t.open());
        ps.setLong(18, t.high());
        ps.setLong(19, t.low());
        ps.setLong(20, t.close());
        ps.setLong(21, t.change());
        ps.setLong(22, t.lastTradeTime());
        ps.setLong(23, t.feedSequence());
        ps.setLong(24, t.openInterest());
        ps.setLong(25, t.openInterestDayHigh());
        ps.setLong(26, t.openInterestDayLow());
        if (Double.isNaN(t.openInterestChangePercent())) {
            ps.setNull(27, Types.REAL);
        } else {
            ps.setDouble(27, t.openInterestChangePercent());
        }
        ps.setLong(28, t.upperCircuit());
        ps.setLong(29, t.lowerCircuit());
        ps.setLong(30, t.week52High());
        ps.setLong(31, t.week52Low());
        ps.setBytes(32, DepthCodec.encode(t.depth()));
        ps.setBytes(33, t.rawPacketBytes());
    }

    @Override
    public Tick map(ResultSet rs, StatementContext ctx) throws SQLException {
        String exchange = rs.getString("exchange");
        double oiChange = rs.getDouble("oi_change_percent");
        if (rs.wasNull()) {
            oiChange = Double.NaN;
        }
        return Tick.builder()
                .instrumentToken(rs.getLong("instrument_token"))
                .tradingSymbol(rs.getString("tradingsymbol"))
                .exchange(exchange == null ? null : Exchange.of(exchange))
                .receiveTimestamp(rs.getLong("receive_timestamp"))
                .exchangeTimestamp(rs.getLong("exchange_timestamp"))
                .mode(TickMode.valueOf(rs.getString("mode")))
                .tradable(rs.getInt("tradable") != 0)
                .priceScale(rs.getInt("price_scale"))
                .lastPrice(rs.getLong("last_price"))
                .lastQuantity(rs.getLong("last_quantity"))
                .averagePrice(rs.getLong("average_price"))
                .volume(rs.getLong("volume"))
                .totalBuyQuantity(rs.getLong("total_buy_quantity"))
                .totalSellQuantity(rs.getLong("total_sell_quantity"))
                .open(rs.getLong("open"))
                .high(rs.getLong("high"))
                .low(rs.getLong("low"))
                .close(rs.getLong("close"))
                .change(rs.getLong("change"))
                .lastTradeTime(rs.getLong("last_trade_time"))
                .feedSequence(rs.getLong("feed_sequence"))
                .openInterest(rs.getLong("open_interest"))
                .openInterestDayHigh(rs.getLong("oi_day_high"))
                .openInterestDayLow(rs.getLong("oi_day_low"))
                .openInterestChangePercent(oiChange)
                .upperCircuit(rs.getLong("upper_circuit"))
                .lowerCircuit(rs.getLong("lower_circuit"))
                .week52High(rs.getLong("week52_high"))
                .week52Low(rs.getLong("week52_low"))
                .depth(DepthCodec.decode(rs.getBytes("depth")))
                .rawPacket(rs.getBytes("raw_tick_data"))
                .build()
                .withIngestSequence(rs.getLong("ingest_sequence"));
    }
}
