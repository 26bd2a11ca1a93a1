package io.tickengine.server.internal;

import io.tickengine.angelone.pool.AngelOneTickSourcePool;
import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.core.source.TickSource;
import io.tickengine.kite.pool.KiteTickSourcePool;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's built-in feeds and which one serves an instrument. Kite instrument tokens are positive
 * 32-bit numbers; Angel One instruments that Kite does not list have synthetic ids above that (see
 * {@code AngelOneTokens}). So with both feeds, an instrument with a Kite token (also when Angel One lists
 * it too) goes to Kite and every other one to Angel One; with one feed, that feed serves everything.
 */
public final class Feeds {
    private static final long MAX_KITE_TOKEN = 0xFFFF_FFFFL;

    private final KiteTickSourcePool kite;
    private final AngelOneTickSourcePool angelOne;
    private final int angelOneCapacity;

    /**
     * @param kite the Kite pool, or null
     * @param angelOne the Angel One pool, or null
     * @param angelOneOptions the options of the Angel One connections (for the token limit), or null
     */
    public Feeds(KiteTickSourcePool kite, AngelOneTickSourcePool angelOne, AngelOneOptions angelOneOptions) {
        this.kite = kite;
        this.angelOne = angelOne;
        this.angelOneCapacity = angelOne == null ? 0 : AngelOneTickSourcePool.MAX_CONNECTIONS * angelOneOptions.maxTokens();
    }

    /** The feed that serves an instrument, or null when the server has no built-in feed. */
    public TickSource route(long instrumentToken) {
        if (kite != null && (angelOne == null || (instrumentToken > 0 && instrumentToken <= MAX_KITE_TOKEN))) {
            return kite;
        }
        return angelOne;
    }

    /** The Kite pool, or null. */
    public KiteTickSourcePool kite() {
        return kite;
    }

    /** The Angel One pool, or null. */
    public AngelOneTickSourcePool angelOne() {
        return angelOne;
    }

    /** The feeds in use, Kite first. */
    public List<TickSource> all() {
        List<TickSource> all = new ArrayList<>(2);
        if (kite != null) {
            all.add(kite);
        }
        if (angelOne != null) {
            all.add(angelOne);
        }
        return all;
    }

    /** How many instruments the feeds can carry together; unbounded without a feed. */
    public int capacity() {
        if (kite == null && angelOne == null) {
            return Integer.MAX_VALUE;
        }
        return (kite == null ? 0 : kite.capacity()) + angelOneCapacity;
    }
}
