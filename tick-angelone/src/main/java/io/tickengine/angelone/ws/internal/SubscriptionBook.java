package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.angelone.ws.SubscriptionLimitException;
import io.tickengine.angelone.ws.UnknownInstrumentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The desired subscriptions, instrument token to {@link Subscription}. Any thread may change it; the
 * connection reads snapshots and makes the server match. Changes are all-or-nothing and respect Angel
 * One's limits: the connection's token limit, Depth-20 for NSE cash only and at most 50 Depth-20 tokens.
 */
public final class SubscriptionBook {
    private final int maxTokens;
    private final TokenResolver resolver;
    private final Map<Long, Subscription> desired = new HashMap<>();

    /** A book of at most {@code maxTokens} tokens, resolving them with {@code resolver}. */
    public SubscriptionBook(int maxTokens, TokenResolver resolver) {
        this.maxTokens = maxTokens;
        this.resolver = resolver;
    }

    /**
     * Adds instruments in a mode, or switches them to it.
     *
     * @throws UnknownInstrumentException when a token has no Angel One token; nothing changes
     * @throws SubscriptionLimitException when a limit would be exceeded; nothing changes
     */
    public synchronized void subscribe(Collection<Long> tokens, AngelOneMode mode) {
        Objects.requireNonNull(tokens, "instrumentTokens");
        Objects.requireNonNull(mode, "mode");
        List<Subscription> resolved = new ArrayList<>(tokens.size());
        List<Long> unknown = new ArrayList<>();
        for (Long t : tokens) {
            Objects.requireNonNull(t, "instrument token");
            Subscription s = resolver.resolve(t, mode);
            if (s == null) {
                unknown.add(t);
            } else {
                resolved.add(s);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownInstrumentException(unknown.size() + " instrument tokens have no Angel One token "
                    + "(load the scrip master into the registry first): "
                    + unknown.subList(0, Math.min(10, unknown.size())));
        }
        Map<Long, Subscription> next = new HashMap<>(desired);
        for (Subscription s : resolved) {
            if (mode == AngelOneMode.DEPTH_20 && s.exchangeType() != ExchangeType.NSE_CM) {
                throw new SubscriptionLimitException("Depth-20 is available for nse_cm only; instrument "
                        + s.instrumentToken() + " is on " + s.exchangeType().wireName());
            }
            next.put(s.instrumentToken(), s);
        }
        if (next.size() > maxTokens) {
            throw new SubscriptionLimitException("subscribing would put " + next.size() + " tokens on one Angel One "
                    + "connection; the limit is " + maxTokens + " (" + desired.size() + " subscribed now); "
                    + "use a pool to spread them over up to " + 3 + " connections");
        }
        long depth20 = next.values().stream().filter(s -> s.mode() == AngelOneMode.DEPTH_20).count();
        if (depth20 > AngelOneOptions.MAX_DEPTH_20_TOKENS) {
            throw new SubscriptionLimitException("subscribing would put " + depth20 + " tokens in Depth-20 mode; "
                    + "Angel One allows at most " + AngelOneOptions.MAX_DEPTH_20_TOKENS);
        }
        desired.clear();
        desired.putAll(next);
    }

    /** Removes instruments; unknown ones are ignored. */
    public synchronized void unsubscribe(Collection<Long> tokens) {
        Objects.requireNonNull(tokens, "instrumentTokens");
        for (Long t : tokens) {
            desired.remove(t);
        }
    }

    /** An immutable copy of the desired state. */
    public synchronized Map<Long, Subscription> snapshot() {
        return Map.copyOf(desired);
    }

    /** How many instruments are desired. */
    public synchronized int size() {
        return desired.size();
    }

    /** How many instruments are desired in Depth-20 mode. */
    public synchronized int depth20Size() {
        return (int) desired.values().stream().filter(s -> s.mode() == AngelOneMode.DEPTH_20).count();
    }
}
