package io.tickengine.examples;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.core.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A synthetic feed for examples: every subscribed instrument's price takes a random walk in paise,
 * with a cumulative day volume, at a fixed number of ticks per second.
 */
public final class RandomWalkSource implements TickSource {
    private final Clock clock;
    private final int ticksPerSecond;
    private final Map<Long, long[]> instruments = new ConcurrentHashMap<>();
    private final Map<Long, String> symbols;
    private final SplittableRandom random = new SplittableRandom(42); // timer thread only
    private ScheduledExecutorService timer;
    private volatile TickListener listener;
    private volatile SourceState state = SourceState.NEW;

    /**
     * @param symbols trading symbols of the instruments this source knows, by token
     * @param ticksPerSecond total ticks per second over all subscribed instruments
     */
    public RandomWalkSource(Map<Long, String> symbols, int ticksPerSecond, Clock clock) {
        this.symbols = Map.copyOf(symbols);
        this.ticksPerSecond = ticksPerSecond;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "random-walk";
    }

    @Override
    public synchronized void start(TickListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("already started");
        }
        this.listener = listener;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "random-walk-source");
            t.setDaemon(true);
            return t;
        });
        long periodMicros = Math.max(1, 1_000_000L / Math.max(1, ticksPerSecond));
        timer.scheduleAtFixedRate(this::emitOne, 0, periodMicros, TimeUnit.MICROSECONDS);
        setState(SourceState.CONNECTED);
    }

    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        for (Long token : instrumentTokens) {
            instruments.computeIfAbsent(token, t -> new long[] {100_000 + ThreadLocalRandom.current().nextInt(400_000), 0});
        }
    }

    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
        instrumentTokens.forEach(instruments::remove);
    }

    @Override
    public SourceStatus status() {
        return new SourceStatus(name(), state, "", clock.millis());
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        setState(SourceState.STOPPED);
    }

    private void emitOne() {
        Long[] tokens = instruments.keySet().toArray(new Long[0]);
        if (tokens.length == 0) {
            return;
        }
        long token = tokens[random.nextInt(tokens.length)];
        long[] walk = instruments.get(token);
        if (walk == null) {
            return;
        }
        walk[0] = Math.max(5, walk[0] + random.nextInt(-10, 11) * 5L);
        walk[1] += 1 + random.nextInt(500);
        long now = clock.millis();
        listener.onTick(Tick.builder().instrumentToken(token).exchange(Exchange.NSE).tradingSymbol(symbols.get(token))
                .tradable(true).mode(TickMode.QUOTE).priceScale(2).lastPrice(walk[0]).volume(walk[1])
                .exchangeTimestamp(now - now % 1000).receiveTimestamp(now).build());
    }

    private void setState(SourceState next) {
        state = next;
        TickListener l = listener;
        if (l != null) {
            l.onStatus(status());
        }
    }
}
