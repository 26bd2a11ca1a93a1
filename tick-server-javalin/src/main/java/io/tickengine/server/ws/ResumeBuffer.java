package io.tickengine.server.ws;

import io.tickengine.core.Tick;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The recent ticks by ingest sequence, kept for a bounded window (seed 001: 5 minutes) and count, so a
 * reconnecting client can ask for what it missed since its last sequence.
 */
public final class ResumeBuffer {
    private final long windowMillis;
    private final int maxTicks;
    private final ArrayDeque<Tick> ticks = new ArrayDeque<>();
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private long evictedUpTo = Long.MIN_VALUE;

    public ResumeBuffer(long windowMillis, int maxTicks) {
        this.windowMillis = windowMillis;
        this.maxTicks = maxTicks;
    }

    synchronized void add(Tick t, long nowMillis) {
        ticks.addLast(t);
        times.addLast(nowMillis);
        while (!ticks.isEmpty() && (ticks.size() > maxTicks || nowMillis - times.peekFirst() > windowMillis)) {
            evictedUpTo = ticks.pollFirst().ingestSequence();
            times.pollFirst();
        }
    }

    /**
     * Ticks of these instruments after {@code sequence}, in order; null when part of that range has
     * already left the window (a gap).
     */
    synchronized List<Tick> since(long sequence, Set<Long> tokens) {
        long oldest = ticks.isEmpty() ? evictedUpTo + 1 : ticks.peekFirst().ingestSequence();
        if (sequence < oldest - 1) {
            return null;
        }
        List<Tick> out = new ArrayList<>();
        Iterator<Tick> it = ticks.descendingIterator();
        while (it.hasNext()) {
            Tick t = it.next();
            if (t.ingestSequence() <= sequence) {
                break;
            }
            if (tokens.contains(t.instrumentToken())) {
                out.add(t);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The oldest sequence still held, or -1 when empty. */
    synchronized long oldest() {
        return ticks.isEmpty() ? -1 : ticks.peekFirst().ingestSequence();
    }
}
