package io.tickengine.kite.sim.internal;

import io.tickengine.core.Depth;
import io.tickengine.core.Prices;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.time.Clock;
import io.tickengine.kite.parse.KiteSegment;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A made-up market: every instrument does a random walk on its tick size, trades add to a cumulative
 * volume, derivatives carry open interest. Seeded, so a run can be repeated. Thread-safe: the
 * streaming thread and the REST handlers share it.
 */
public final class SyntheticMarket {
    private static final int LEVELS = 5;

    private final Random random;
    private final Clock clock;
    private final Map<Long, State> states = new HashMap<>();
    private final Depth.Builder depth = Depth.builder(LEVELS);

    /** A market whose walk follows {@code seed} and whose timestamps follow {@code clock}. */
    public SyntheticMarket(long seed, Clock clock) {
        this.random = new Random(seed);
        this.clock = clock;
    }

    /** Whether the simulator can stream this token: its segment must be known. */
    public static boolean streamable(long token) {
        return KiteSegment.ofToken(token) != null;
    }

    /** Moves an instrument one step: a new last price and, for tradable ones, a trade. */
    public synchronized void step(long token) {
        State s = state(token);
        s.last = Math.max(s.tick, s.last + (random.nextInt(7) - 3) * s.tick);
        s.high = Math.max(s.high, s.last);
        s.low = Math.min(s.low, s.last);
        s.lastTradeSeconds = clock.millis() / 1000;
        if (!s.segment.tradable()) {
            return;
        }
        s.lastQuantity = 1 + random.nextInt(100);
        s.volume += s.lastQuantity;
        s.turnover += s.last * s.lastQuantity;
        s.buyQuantity = 1000 + random.nextInt(100_000);
        s.sellQuantity = 1000 + random.nextInt(100_000);
        if (s.hasOpenInterest) {
            s.openInterest = Math.max(0, s.openInterest + random.nextInt(201) - 100);
            s.oiHigh = Math.max(s.oiHigh, s.openInterest);
            s.oiLow = Math.min(s.oiLow, s.openInterest);
        }
    }

    /** The instrument's current state as a tick in {@code mode}, at its segment's price scale. */
    public synchronized Tick tick(long token, TickMode mode) {
        State s = state(token);
        Tick.Builder b = Tick.builder().instrumentToken(token).exchange(s.segment.exchange())
                .tradable(s.segment.tradable()).priceScale(s.segment.priceScale()).mode(mode).lastPrice(s.last)
                .receiveTimestamp(clock.millis());
        if (mode == TickMode.LTP) {
            return b.build();
        }
        b.open(s.open).high(s.high).low(s.low).close(s.close);
        long nowMillis = clock.millis() / 1000 * 1000;
        if (!s.segment.tradable()) {
            b.change(s.last - s.close);
            return (mode == TickMode.FULL ? b.exchangeTimestamp(nowMillis) : b).build();
        }
        b.lastQuantity(s.lastQuantity).volume(s.volume).totalBuyQuantity(s.buyQuantity)
                .totalSellQuantity(s.sellQuantity).averagePrice(s.volume == 0 ? 0 : s.turnover / s.volume);
        if (mode != TickMode.FULL) {
            return b.build();
        }
        depth.clear();
        for (int i = 1; i <= LEVELS; i++) {
            depth.bid(Math.max(s.tick, s.last - i * s.tick), 1 + random.nextInt(500), 1 + random.nextInt(20));
        }
        for (int i = 1; i <= LEVELS; i++) {
            depth.ask(s.last + i * s.tick, 1 + random.nextInt(500), 1 + random.nextInt(20));
        }
        return b.lastTradeTime(s.lastTradeSeconds * 1000).exchangeTimestamp(nowMillis).openInterest(s.openInterest)
                .openInterestDayHigh(s.oiHigh).openInterestDayLow(s.oiLow).depth(depth.build()).build();
    }

    /** Forgets an instrument's state (a later step starts a new walk). */
    public synchronized void forget(long token) {
        states.remove(token);
    }

    private State state(long token) {
        State s = states.get(token);
        if (s == null) {
            s = newState(token);
            states.put(token, s);
        }
        return s;
    }

    private State newState(long token) {
        KiteSegment segment = KiteSegment.ofToken(token);
        if (segment == null) {
            throw new IllegalArgumentException("token " + token + " has an unknown segment");
        }
        State s = new State(segment);
        int scale = segment.priceScale();
        // 0.05 on paise markets, 0.0025 on currency and commodity markets with more decimals.
        s.tick = scale == 2 ? 5 : Prices.rescale(25, 4, scale);
        long rupees;
        if (segment == KiteSegment.INDICES) {
            rupees = 10_000 + random.nextInt(40_000);
        } else if (scale == 2) {
            rupees = 100 + random.nextInt(4_900);
        } else {
            rupees = 70 + random.nextInt(30);
        }
        s.close = Prices.rescale(rupees, 0, scale) + random.nextInt(20) * s.tick;
        s.last = s.close;
        s.open = s.close;
        s.high = s.close;
        s.low = s.close;
        s.hasOpenInterest = segment != KiteSegment.NSE && segment != KiteSegment.BSE && segment.tradable();
        if (s.hasOpenInterest) {
            s.openInterest = 10_000 + random.nextInt(1_000_000);
            s.oiHigh = s.openInterest;
            s.oiLow = s.openInterest;
        }
        return s;
    }

    private static final class State {
        final KiteSegment segment;
        long tick;
        long last;
        long open;
        long high;
        long low;
        long close;
        long lastQuantity;
        long volume;
        long turnover;
        long buyQuantity;
        long sellQuantity;
        boolean hasOpenInterest;
        long openInterest;
        long oiHigh;
        long oiLow;
        long lastTradeSeconds;

        State(KiteSegment segment) {
            this.segment = segment;
        }
    }
}
