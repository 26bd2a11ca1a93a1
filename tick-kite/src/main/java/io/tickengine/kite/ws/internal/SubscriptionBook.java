package io.tickengine.kite.ws.internal;

import io.tickengine.core.TickMode;
import io.tickengine.kite.ws.TooManyInstrumentsException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The desired subscriptions: token to mode. Any thread may change it; the connection reads snapshots
 * and makes the server match. Changes are all-or-nothing.
 */
public final class SubscriptionBook {
    private static final long MAX_TOKEN = 0xFFFF_FFFFL;

    private final int maxInstruments;
    private final Map<Long, TickMode> desired = new HashMap<>();

    /** A book that refuses to hold more than {@code maxInstruments} tokens. */
    public SubscriptionBook(int maxInstruments) {
        this.maxInstruments = maxInstruments;
    }

    /**
     * Adds tokens in a mode, or switches them to it.
     *
     * @throws TooManyInstrumentsException when the book would exceed its limit; nothing changes then
     * @throws IllegalArgumentException when a token is not a positive uint32
     */
    public synchronized void subscribe(Collection<Long> tokens, TickMode mode) {
        Objects.requireNonNull(mode, "mode");
        checkTokens(tokens);
        int added = 0;
        for (Long t : tokens) {
            if (!desired.containsKey(t)) {
                added++;
            }
        }
        if (desired.size() + added > maxInstruments) {
            throw new TooManyInstrumentsException("subscribing " + added + " new instruments would put "
                    + (desired.size() + added) + " on one Kite connection; the limit is " + maxInstruments
                    + " (" + desired.size() + " subscribed now); spread them over several connections");
        }
        for (Long t : tokens) {
            desired.put(t, mode);
        }
    }

    /** Removes tokens; unknown ones are ignored. */
    public synchronized void unsubscribe(Collection<Long> tokens) {
        checkTokens(tokens);
        for (Long t : tokens) {
            desired.remove(t);
        }
    }

    /** An immutable copy of the desired state. */
    public synchronized Map<Long, TickMode> snapshot() {
        return Map.copyOf(desired);
    }

    /** How many tokens are desired. */
    public synchronized int size() {
        return desired.size();
    }

    private static void checkTokens(Collection<Long> tokens) {
        Objects.requireNonNull(tokens, "instrumentTokens");
        for (Long t : tokens) {
            if (t == null || t <= 0 || t > MAX_TOKEN) {
                throw new IllegalArgumentException("instrument token must be 1.." + MAX_TOKEN + ", was " + t);
            }
        }
    }
}
