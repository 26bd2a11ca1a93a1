package io.tickengine.core.candle;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.ManualClock;
import io.tickengine.core.time.MarketTime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** An aggregator on a manual clock that records what it emits, and ticks to feed it. */
final class CandleFixture {
    /** Monday 2024-03-04 10:00:00.000 IST. */
    static final long T0 = MarketTime.at(LocalDate.of(2024, 3, 4), LocalTime.of(10, 0));
    static final long TOKEN = 738_561;

    final ManualClock clock;
    final List<Candle> emitted = new ArrayList<>();
    final CandleAggregator aggregator;

    CandleFixture(AggregatorOptions options, long startMillis) {
        clock = new ManualClock(startMillis);
        aggregator = CandleAggregator.create(options, clock, emitted::add);
    }

    CandleFixture(AggregatorOptions options) {
        this(options, T0);
    }

    CandleFixture() {
        this(AggregatorOptions.create());
    }

    static Tick tick(long eventTime, long price) {
        return tick(TOKEN, eventTime, price, 0);
    }

    static Tick tick(long eventTime, long price, long volume) {
        return tick(TOKEN, eventTime, price, volume);
    }

    static Tick tick(long token, long eventTime, long price, long volume) {
        return Tick.builder().instrumentToken(token).exchange(Exchange.NSE).mode(TickMode.QUOTE)
                .priceScale(2).lastPrice(price).volume(volume)
                .exchangeTimestamp(eventTime).receiveTimestamp(eventTime + 7).build();
    }

    /** Sets the clock, then hands the ticks over as one batch, received now: their receive time is the clock. */
    CandleFixture send(long clockMillis, Tick... ticks) {
        List<Tick> batch = new ArrayList<>(ticks.length);
        for (Tick t : ticks) {
            batch.add(t.toBuilder().receiveTimestamp(clockMillis).build());
        }
        return deliver(clockMillis, batch.toArray(new Tick[0]));
    }

    /** Sets the clock, then hands the ticks over as one batch with the receive times they carry. */
    CandleFixture deliver(long clockMillis, Tick... ticks) {
        clock.set(clockMillis);
        aggregator.onBatch(List.of(ticks));
        return this;
    }

    /** Sets the clock and calls the timer with it. */
    CandleFixture timer(long clockMillis) {
        clock.set(clockMillis);
        aggregator.onTimer(clockMillis);
        return this;
    }

    /** The emitted candles so far, then forgets them. */
    List<Candle> drain() {
        List<Candle> copy = List.copyOf(emitted);
        emitted.clear();
        return copy;
    }

    static Candle candle(CandleInterval interval, long start, long open, long high, long low, long close, long volume,
                         int ticks, int revision) {
        return new Candle(TOKEN, Exchange.NSE, interval, start, 2, open, high, low, close, volume, ticks, revision);
    }

    static Candle empty(CandleInterval interval, long start, long close, int revision) {
        return candle(interval, start, close, close, close, close, 0, 0, revision);
    }
}
