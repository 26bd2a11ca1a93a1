package io.tickengine.store.timescale.internal;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * How a {@link Tick} maps onto a row of {@code kite_ticks_data}: the column list, the binary COPY
 * encoding and the way back. Prices stay integers at {@code price_scale}; absent times are NULL.
 */
final class TickRows {
    static final String COLUMNS = "instrument_token, tradingsymbol, exchange, tick_timestamp, ingest_sequence, "
            + "receive_ts, raw_tick_data, exchange_ts, last_trade_time, feed_sequence, mode, tradable, price_scale, "
            + "last_price, last_quantity, average_price, volume, total_buy_quantity, total_sell_quantity, "
            + "day_open, day_high, day_low, prev_close, change, open_interest, oi_day_high, oi_day_low, "
            + "oi_change_percent, upper_circuit, lower_circuit, week52_high, week52_low, "
            + "bid_price, bid_quantity, bid_orders, ask_price, ask_quantity, ask_orders";
    static final String KEY = "instrument_token, tick_timestamp, ingest_sequence, receive_ts";
    private static final int FIELDS = 38;
    private static final TickMode[] MODES = TickMode.values();

    private TickRows() {
    }

    /** Appends one tick as a COPY row in {@link #COLUMNS} order. */
    static void encode(Tick t, CopyBuffer out) throws SQLException {
        out.row(FIELDS);
        out.int8(t.instrumentToken());
        out.text(t.tradingSymbol());
        out.text(t.exchange() == null ? null : t.exchange().name());
        out.timestamp(t.eventTime());
        out.int8(t.ingestSequence());
        out.timestamp(t.receiveTimestamp());
        out.bytea(t.rawPacket());
        optionalTime(out, t.exchangeTimestamp());
        optionalTime(out, t.lastTradeTime());
        if (t.feedSequence() == Tick.NO_SEQUENCE) {
            out.nul();
        } else {
            out.int8(t.feedSequence());
        }
        out.text(t.mode().name());
        out.bool(t.tradable());
        out.int2(t.priceScale());
        out.int8(t.lastPrice());
        out.int8(t.lastQuantity());
        out.int8(t.averagePrice());
        out.int8(t.volume());
        out.int8(t.totalBuyQuantity());
        out.int8(t.totalSellQuantity());
        out.int8(t.open());
        out.int8(t.high());
        out.int8(t.low());
        out.int8(t.close());
        out.int8(t.change());
        out.int8(t.openInterest());
        out.int8(t.openInterestDayHigh());
        out.int8(t.openInterestDayLow());
        if (Double.isNaN(t.openInterestChangePercent())) {
            out.nul();
        } else {
            out.float8(t.openInterestChangePercent());
        }
        out.int8(t.upperCircuit());
        out.int8(t.lowerCircuit());
        out.int8(t.week52High());
        out.int8(t.week52Low());
        encodeDepth(t.depth(), out);
    }

    private static void optionalTime(CopyBuffer out, long epochMillis) {
        if (epochMillis == 0) {
            out.nul();
        } else {
            out.timestamp(epochMillis);
        }
    }

    private static void encodeDepth(Depth d, CopyBuffer out) {
        if (d == null) {
            for (int i = 0; i < 6; i++) {
                out.nul();
            }
            return;
        }
        int bids = d.bidLevels();
        int asks = d.askLevels();
        out.array(CopyBuffer.INT8_OID, bids);
        for (int i = 0; i < bids; i++) {
            out.element8(d.bidPrice(i));
        }
        out.endArray();
        out.array(CopyBuffer.INT8_OID, bids);
        for (int i = 0; i < bids; i++) {
            out.element8(d.bidQuantity(i));
        }
        out.endArray();
        out.array(CopyBuffer.INT4_OID, bids);
        for (int i = 0; i < bids; i++) {
            out.element4(d.bidOrders(i));
        }
        out.endArray();
        out.array(CopyBuffer.INT8_OID, asks);
        for (int i = 0; i < asks; i++) {
            out.element8(d.askPrice(i));
        }
        out.endArray();
        out.array(CopyBuffer.INT8_OID, asks);
        for (int i = 0; i < asks; i++) {
            out.element8(d.askQuantity(i));
        }
        out.endArray();
        out.array(CopyBuffer.INT4_OID, asks);
        for (int i = 0; i < asks; i++) {
            out.element4(d.askOrders(i));
        }
        out.endArray();
    }

    /** Reads the current row of a query that selected {@link #COLUMNS}. */
    static Tick map(ResultSet rs) throws SQLException {
        Tick.Builder b = Tick.builder().instrumentToken(rs.getLong(1)).tradingSymbol(rs.getString(2));
        String exchange = rs.getString(3);
        b.exchange(exchange == null ? null : Exchange.of(exchange));
        long ingestSequence = rs.getLong(5);
        b.receiveTimestamp(millis(rs, 6));
        b.rawPacket(rs.getBytes(7));
        b.exchangeTimestamp(millis(rs, 8)).lastTradeTime(millis(rs, 9));
        long feedSequence = rs.getLong(10);
        b.feedSequence(rs.wasNull() ? Tick.NO_SEQUENCE : feedSequence);
        b.mode(TickMode.valueOf(rs.getString(11))).tradable(rs.getBoolean(12)).priceScale(rs.getShort(13));
        long last = rs.getLong(14);
        long close = rs.getLong(23);
        long change = rs.getLong(24);
        b.lastPrice(last).lastQuantity(rs.getLong(15)).averagePrice(rs.getLong(16)).volume(rs.getLong(17))
                .totalBuyQuantity(rs.getLong(18)).totalSellQuantity(rs.getLong(19)).open(rs.getLong(20))
                .high(rs.getLong(21)).low(rs.getLong(22)).close(close);
        if (change != (close != 0 ? last - close : 0)) {
            b.change(change);
        }
        b.openInterest(rs.getLong(25)).openInterestDayHigh(rs.getLong(26)).openInterestDayLow(rs.getLong(27));
        double oiChange = rs.getDouble(28);
        b.openInterestChangePercent(rs.wasNull() ? Double.NaN : oiChange);
        b.upperCircuit(rs.getLong(29)).lowerCircuit(rs.getLong(30)).week52High(rs.getLong(31))
                .week52Low(rs.getLong(32));
        b.depth(depth(rs));
        return b.build().withIngestSequence(ingestSequence);
    }

    private static long millis(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? 0 : t.toInstant().toEpochMilli();
    }

    private static Depth depth(ResultSet rs) throws SQLException {
        Array bidPrice = rs.getArray(33);
        if (bidPrice == null) {
            return null;
        }
        Long[] bp = (Long[]) bidPrice.getArray();
        Long[] bq = (Long[]) rs.getArray(34).getArray();
        Integer[] bo = (Integer[]) rs.getArray(35).getArray();
        Long[] ap = (Long[]) rs.getArray(36).getArray();
        Long[] aq = (Long[]) rs.getArray(37).getArray();
        Integer[] ao = (Integer[]) rs.getArray(38).getArray();
        Depth.Builder d = Depth.builder(Math.max(1, Math.max(bp.length, ap.length)));
        for (int i = 0; i < bp.length; i++) {
            d.bid(bp[i], bq[i], bo[i]);
        }
        for (int i = 0; i < ap.length; i++) {
            d.ask(ap[i], aq[i], ao[i]);
        }
        return d.build();
    }
}
