package io.tickengine.angelone.sim.internal;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOnePacketEncoder;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.Depth;
import io.tickengine.core.Tick;
import io.tickengine.core.time.Clock;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A made-up market in paise: every instrument does a random walk on a 5-paise tick, trades add to a
 * cumulative volume, derivatives carry open interest, and each instrument numbers its packets. Seeded,
 * so a run can be repeated. Thread-safe.
 */
public final class SyntheticMarket {
    private static final long TICK = 5;

    private final Random random;
    private final Clock clock;
    private final Map<SimKey, State> states = new HashMap<>();

    /** A market whose walk follows {@code seed} and whose timestamps follow {@code clock}. */
    public SyntheticMarket(long seed, Clock clock) {
        this.random = new Random(seed);
        this.clock = clock;
    }

    /** Moves an instrument one step: a new last price and a trade. */
    public synchronized void step(SimKey key) {
        State s = state(key);
        s.last = Math.max(TICK, s.last + (random.nextInt(7) - 3) * TICK);
        s.high = Math.max(s.high, s.last);
        s.low = Math.min(s.low, s.last);
        s.lastQuantity = 1 + random.nextInt(100);
        s.volume += s.lastQuantity;
        s.turnover += s.last * s.lastQuantity;
        s.lastTradeTime = clock.millis();
        s.sequence++;
        if (key.type() != ExchangeType.NSE_CM && key.type() != ExchangeType.BSE_CM) {
            s.openInterest = Math.max(0, s.openInterest + random.nextInt(201) - 100);
        }
    }

    /** The instrument's current state as one packet in {@code mode}. */
    public synchronized ByteBuffer packet(SimKey key, AngelOneMode mode) {
        State s = state(key);
        int levels = mode == AngelOneMode.DEPTH_20 ? 20 : 5;
        Depth.Builder depth = Depth.builder(levels);
        for (int i = 1; i <= levels; i++) {
            depth.bid(Math.max(TICK, s.last - i * TICK), 1 + random.nextInt(500), 1 + random.nextInt(20));
            depth.ask(s.last + i * TICK, 1 + random.nextInt(500), 1 + random.nextInt(20));
        }
        long now = clock.millis();
        Tick t = Tick.builder().mode(mode.tickMode()).lastPrice(s.last).lastQuantity(s.lastQuantity)
                .averagePrice(s.volume == 0 ? 0 : s.turnover / s.volume).volume(s.volume)
                .totalBuyQuantity(1000 + random.nextInt(100_000)).totalSellQuantity(1000 + random.nextInt(100_000))
                .open(s.open).high(s.high).low(s.low).close(s.close).lastTradeTime(s.lastTradeTime)
                .exchangeTimestamp(now).receiveTimestamp(now).openInterest(s.openInterest)
                .openInterestChangePercent(s.close == 0 ? 0 : (s.openInterest - s.openInterestOpen) * 100.0 / Math.max(1, s.openInterestOpen))
                .upperCircuit(s.close * 12 / 10).lowerCircuit(s.close * 8 / 10).week52High(s.close * 3 / 2)
                .week52Low(s.close / 2).depth(depth.build()).build();
        return AngelOnePacketEncoder.encode(mode, key.type(), key.token(), s.sequence, t);
    }

    private State state(SimKey key) {
        return states.computeIfAbsent(key, k -> {
            State s = new State();
            s.close = (100 + random.nextInt(4_900)) * 100L + random.nextInt(20) * TICK;
            s.last = s.close;
            s.open = s.close;
            s.high = s.close;
            s.low = s.close;
            s.openInterest = 10_000 + random.nextInt(1_000_000);
            s.openInterestOpen = s.openInterest;
            // The exchange numbers every packet from 1: a snapshot sent before the first trade has one too.
            s.sequence = 1;
            return s;
        });
    }

    private static final class State {
        long last;
        long open;
        long high;
        long low;
        long close;
        long lastQuantity;
        long volume;
        long turnover;
        long lastTradeTime;
        long sequence;
        long openInterest;
        long openInterestOpen;
    }
}
