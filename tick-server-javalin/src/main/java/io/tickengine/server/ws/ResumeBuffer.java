package io.tickengine.server.ws;

import io.tickengine.cache.redis.TickCodec;
import io.tickengine.core.Tick;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The recent ticks by ingest sequence, kept for a bounded window (seed 001: 5 minutes) and a bounded
 * amount of memory, so a reconnecting client can ask for what it missed since its last sequence; asked
 * for more than is kept, it gets a gap instead.
 *
 * <p>Each tick is kept in the compact {@link TickCodec} form (exact, every field but the raw packet),
 * about 100 bytes for a full-mode Kite tick with its 5-level book, 170 with the entry around it, where
 * the {@link Tick} object graph holds about 620; it is decoded again only when a client resumes. That
 * is more than three times the ticks in the same memory, and two objects with one reference between them in place of eleven objects per
 * tick, so the garbage collector copies and traces little when the buffer is large, as it is at
 * thousands of ticks a second.
 */
public final class ResumeBuffer {
    /**
     * Heap a kept tick holds besides its encoded bytes, on a 64-bit JVM with compressed pointers: its
     * entry (header, three longs, a reference), the byte array's header and the deque's slot.
     */
    static final long ENTRY_BYTES = 40 + 16 + 8;

    /** One kept tick: what {@link #since} filters by, and the tick encoded. */
    private record Kept(long sequence, long token, long keptAtMillis, byte[] frame) {
    }

    private final long windowMillis;
    private final long maxBytes;
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    private long bytes;
    private long evictedUpTo = Long.MIN_VALUE;

    /**
     * @param windowMillis how long a tick is kept
     * @param maxBytes the heap the kept ticks may hold ({@link #retainedBytes}); the oldest go first
     */
    public ResumeBuffer(long windowMillis, long maxBytes) {
        if (windowMillis < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("window must not be negative and maxBytes must be positive, were "
                    + windowMillis + " and " + maxBytes);
        }
        this.windowMillis = windowMillis;
        this.maxBytes = maxBytes;
    }

    void add(Tick t, long nowMillis) {
        // Encoded outside the lock: a resuming client's scan is not held up by it.
        Kept k = new Kept(t.ingestSequence(), t.instrumentToken(), nowMillis, TickCodec.encode(t));
        synchronized (this) {
            kept.addLast(k);
            bytes += retainedBytes(k.frame().length);
            while (!kept.isEmpty() && (bytes > maxBytes || nowMillis - kept.peekFirst().keptAtMillis() > windowMillis)) {
                Kept evicted = kept.pollFirst();
                bytes -= retainedBytes(evicted.frame().length);
                evictedUpTo = evicted.sequence();
            }
        }
    }

    /** The heap a kept tick holds, given its encoded length. */
    static long retainedBytes(int encodedLength) {
        return ENTRY_BYTES + ((encodedLength + 7) & ~7L);
    }

    /** The heap the kept ticks hold now. */
    synchronized long bytes() {
        return bytes;
    }

    /** Ticks kept now. */
    synchronized int size() {
        return kept.size();
    }

    /**
     * Ticks of these instruments after {@code sequence}, in order; null when part of that range has
     * already left the window (a gap).
     */
    List<Tick> since(long sequence, Set<Long> tokens) {
        List<byte[]> frames = new ArrayList<>();
        synchronized (this) {
            long oldest = kept.isEmpty() ? evictedUpTo + 1 : kept.peekFirst().sequence();
            if (sequence < oldest - 1) {
                return null;
            }
            Iterator<Kept> it = kept.descendingIterator();
            while (it.hasNext()) {
                Kept k = it.next();
                if (k.sequence() <= sequence) {
                    break;
                }
                if (tokens.contains(k.token())) {
                    frames.add(k.frame());
                }
            }
        }
        // Decoded outside the lock, so the broadcaster's adds do not wait for a long resume.
        Collections.reverse(frames);
        List<Tick> out = new ArrayList<>(frames.size());
        for (byte[] f : frames) {
            TickCodec.decode(f, out::add);
        }
        return out;
    }

    /** The oldest sequence still held, or -1 when empty. */
    synchronized long oldest() {
        return kept.isEmpty() ? -1 : kept.peekFirst().sequence();
    }
}
