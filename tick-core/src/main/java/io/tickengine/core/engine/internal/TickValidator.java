package io.tickengine.core.engine.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.engine.BadTickPolicy;
import io.tickengine.core.engine.TickIssue;
import io.tickengine.core.engine.ValidationOptions;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import org.jctools.maps.NonBlockingHashMapLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link ValidationOptions} to incoming ticks on the source threads. Every issue is
 * counted; rejected ticks are also logged, at most once per issue per {@value #LOG_EVERY_MILLIS} ms.
 * The price checks apply only to modes with a trade price ({@link io.tickengine.core.TickMode#hasTradePrice()});
 * exchange-time order is checked per instrument among trade ticks and, separately, among order-book-only ticks.
 */
public final class TickValidator {
    private static final Logger LOG = LoggerFactory.getLogger(TickValidator.class);
    private static final long LOG_EVERY_MILLIS = 10_000;
    private static final TickIssue[] ISSUES = TickIssue.values();

    private final ValidationOptions options;
    private final LongPredicate knownInstrument;
    private final boolean[] reject = new boolean[ISSUES.length];
    private final LongAdder[] seen = new LongAdder[ISSUES.length];
    private final LongAdder[] rejected = new LongAdder[ISSUES.length];
    private final AtomicLong[] lastLogged = new AtomicLong[ISSUES.length];
    // Order is kept per instrument and per kind of tick: a feed interleaves order-book-only ticks (their own
    // timestamps) with trade ticks, and neither kind is out of order because of the other.
    private final NonBlockingHashMapLong<AtomicLong> lastTradeTickTime = new NonBlockingHashMapLong<>();
    private final NonBlockingHashMapLong<AtomicLong> lastBookTickTime = new NonBlockingHashMapLong<>();
    private final long futureToleranceMillis;

    /**
     * @param knownInstrument tells whether a token is in the registry; null when there is no registry
     */
    public TickValidator(ValidationOptions options, LongPredicate knownInstrument) {
        this.options = options;
        this.knownInstrument = knownInstrument;
        this.futureToleranceMillis = options.futureTolerance().toMillis();
        for (TickIssue issue : ISSUES) {
            reject[issue.ordinal()] = options.policy(issue) == BadTickPolicy.REJECT;
            seen[issue.ordinal()] = new LongAdder();
            rejected[issue.ordinal()] = new LongAdder();
            lastLogged[issue.ordinal()] = new AtomicLong(0);
        }
    }

    /** Counts the tick's issues and tells whether it may go on to the sinks. Thread-safe. */
    public boolean accept(Tick tick) {
        boolean ok = true;
        long price = tick.lastPrice();
        if (tick.mode().hasTradePrice()) {
            if (price == 0) {
                ok &= note(TickIssue.ZERO_PRICE, tick);
            } else if (price < 0) {
                ok &= note(TickIssue.NEGATIVE_PRICE, tick);
            }
        }
        long exchangeTs = tick.exchangeTimestamp();
        if (exchangeTs != 0) {
            if (exchangeTs > tick.receiveTimestamp() + futureToleranceMillis) {
                ok &= note(TickIssue.FUTURE_TIMESTAMP, tick);
            } else if (isOutOfOrder(tick.mode().hasTradePrice() ? lastTradeTickTime : lastBookTickTime,
                    tick.instrumentToken(), exchangeTs)) {
                ok &= note(TickIssue.OUT_OF_ORDER, tick);
            }
        }
        if (knownInstrument != null && tick.tradingSymbol() == null && !knownInstrument.test(tick.instrumentToken())) {
            ok &= note(TickIssue.UNKNOWN_INSTRUMENT, tick);
        }
        return ok;
    }

    /** Ticks seen with each issue. */
    public Map<TickIssue, Long> issues() {
        return snapshot(seen);
    }

    /** Ticks rejected for each issue. */
    public Map<TickIssue, Long> rejections() {
        return snapshot(rejected);
    }

    public ValidationOptions options() {
        return options;
    }

    private static boolean isOutOfOrder(NonBlockingHashMapLong<AtomicLong> lastTimes, long token, long exchangeTs) {
        AtomicLong last = lastTimes.get(token);
        if (last == null) {
            AtomicLong fresh = new AtomicLong(exchangeTs);
            last = lastTimes.putIfAbsent(token, fresh);
            if (last == null) {
                return false;
            }
        }
        long previous = last.get();
        if (exchangeTs < previous) {
            return true;
        }
        if (exchangeTs > previous) {
            last.lazySet(exchangeTs);
        }
        return false;
    }

    private boolean note(TickIssue issue, Tick tick) {
        int i = issue.ordinal();
        seen[i].increment();
        if (!reject[i]) {
            return true;
        }
        rejected[i].increment();
        long now = System.currentTimeMillis();
        long last = lastLogged[i].get();
        if (now - last >= LOG_EVERY_MILLIS && lastLogged[i].compareAndSet(last, now)) {
            LOG.warn("rejected tick ({}, {} so far): {}", issue, rejected[i].sum(), tick);
        }
        return false;
    }

    private static Map<TickIssue, Long> snapshot(LongAdder[] counters) {
        Map<TickIssue, Long> m = new EnumMap<>(TickIssue.class);
        for (TickIssue issue : ISSUES) {
            m.put(issue, counters[issue.ordinal()].sum());
        }
        return m;
    }
}
