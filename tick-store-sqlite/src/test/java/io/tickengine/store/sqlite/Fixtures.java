package io.tickengine.store.sqlite;

import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.candle.CandleInterval;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Ticks, candles and raw connections for the store's tests. */
final class Fixtures {
    /** 2024-11-19T04:00:00Z = 09:30 IST. */
    static final long T0 = 1_731_988_800_000L;

    private Fixtures() {
    }

    static Tick tick(long token, long price, long eventTime, long sequence) {
        Depth depth = Depth.builder(5).bid(price - 5, 10, 1).ask(price + 5, 30, 3).build();
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol("SYM" + token)
                .tradable(true).mode(TickMode.FULL).priceScale(2).lastPrice(price).volume(1_000 + sequence)
                .exchangeTimestamp(eventTime).receiveTimestamp(eventTime + 20).depth(depth).build()
                .withIngestSequence(sequence);
    }

    /** {@code count} ticks over {@code instruments} instruments, 10 ms apart, sequences from {@code firstSequence}. */
    static List<Tick> ticks(int instruments, int count, long firstSequence) {
        List<Tick> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long seq = firstSequence + i;
            out.add(tick(100 + i % instruments, 10_000 + i, T0 + seq * 10, seq));
        }
        return out;
    }

    static Candle candle(long token, CandleInterval interval, long start, long close, int revision) {
        return new Candle(token, Exchange.NSE, interval, start, 2, close - 10, close + 10, close - 20, close, 100, 3,
                revision);
    }

    /** {@code count} one-second candles over {@code instruments} instruments, from T0. */
    static List<Candle> candles(int instruments, int count) {
        List<Candle> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(candle(100 + i % instruments, CandleInterval.S1, T0 + (i / instruments) * 1_000L, 10_000 + i, 0));
        }
        return out;
    }

    static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}
