package io.tickengine.server.ws;

import io.tickengine.core.Depth;
import io.tickengine.core.Tick;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The recent ticks by ingest sequence, kept for a bounded window (seed 001: 5 minutes) and a bounded
 * amount of memory, so a reconnecting client can ask for what it missed since its last sequence; asked
 * for more than is kept, it gets a gap instead. The memory bound matters: a full-mode tick with its
 * 5-level book holds about 600 bytes, so 5 minutes at 6,000 ticks/s would be over a gigabyte.
 */
public final class ResumeBuffer {
    // Retained heap of one kept tick, estimated from what a 64-bit JVM with compressed pointers allocates:
    // the Tick (about 240 bytes), its deque slot and boxed receive time; the book's six arrays and header.
    static final long TICK_BYTES = 280;
    static final long BOOK_BYTES = 40 + 6 * 16;
    static final long ARRAY_BYTES = 16;

    private final long windowMillis;
    private final long maxBytes;
    private final ArrayDeque<Tick> ticks = new ArrayDeque<>();
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private long bytes;
    private long evictedUpTo = Long.MIN_VALUE;

    /**
     * @param windowMillis how long a tick is kept
     * @param maxBytes the estimated heap the kept ticks may hold ({@link #retainedBytes}); the oldest go first
     */
    public ResumeBuffer(long windowMillis, long maxBytes) {
        if (windowMillis < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("window must not be negative and maxBytes must be positive, were "
                    + windowMillis + " and " + maxBytes);
        }
        this.windowMillis = windowMillis;
        this.maxBytes = maxBytes;
    }

    synchronized void add(Tick t, long nowMillis) {
        ticks.addLast(t);
        times.addLast(nowMillis);
        bytes += retainedBytes(t);
        while (!ticks.isEmpty() && (bytes > maxBytes || nowMillis - times.peekFirst() > windowMillis)) {
            Tick evicted = ticks.pollFirst();
            times.pollFirst();
            bytes -= retainedBytes(evicted);
            evictedUpTo = evicted.ingestSequence();
        }
    }

    /** The estimated heap a kept tick holds: the tick, its book's arrays and its raw packet when kept. */
    static long retainedBytes(Tick t) {
        long b = TICK_BYTES;
        Depth d = t.depth();
        if (d != null) {
            long levels = Math.max(d.bidLevels(), d.askLevels());
            b += BOOK_BYTES + 4 * align(8 * levels) + 2 * align(4 * levels);
        }
        if (t.hasRawPacket()) {
            b += ARRAY_BYTES + align(t.rawPacket().remaining());
        }
        return b;
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    /** The estimated heap the kept ticks hold now. */
    synchronized long bytes() {
        return bytes;
    }

    /** Ticks kept now. */
    synchronized int size() {
        return ticks.size();
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
