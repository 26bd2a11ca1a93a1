package io.tickengine.server.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.codec.TickCodec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * about 100 bytes for a full-mode Kite tick with its 5-level book where the {@link Tick} object graph
 * holds about 620, and is decoded again only when a client resumes. The encodings are appended to
 * chunks of {@value #CHUNK_BYTES} bytes with their sequence, instrument and time in parallel primitive
 * arrays, so a full buffer is a few hundred arrays however many ticks it holds: the garbage collector
 * has next to nothing to trace or copy in it, as it would with objects per tick at thousands a second.
 * A chunk is trimmed to what it holds once the next one starts.
 */
public final class ResumeBuffer {
    /** Encoded bytes one chunk holds at most, unless one tick alone needs more (it then has a chunk of its own size). */
    static final int CHUNK_BYTES = 256 * 1024;
    /** Ticks one chunk holds at most. */
    static final int CHUNK_TICKS = 4096;
    /** What the buffer counts per kept tick besides its encoding: its sequence, instrument, time and end offset. */
    static final long INDEX_BYTES = 8 + 8 + 8 + 4;
    /** What the buffer counts per chunk: its object and the five arrays' headers. */
    static final long CHUNK_OVERHEAD = 32 + 5 * 16;

    /** Ticks appended in order; the oldest kept one is {@code first}. */
    private static final class Chunk {
        byte[] data;
        long[] sequence = new long[CHUNK_TICKS];
        long[] token = new long[CHUNK_TICKS];
        long[] keptAt = new long[CHUNK_TICKS];
        int[] end = new int[CHUNK_TICKS];
        int count;
        int first;

        Chunk(int dataBytes) {
            data = new byte[dataBytes];
        }

        int start(int i) {
            return i == 0 ? 0 : end[i - 1];
        }

        boolean fits(int length) {
            return count < sequence.length && start(count) + length <= data.length;
        }

        /** Gives back the unused space once no more ticks come. */
        void trim() {
            data = Arrays.copyOf(data, start(count));
            sequence = Arrays.copyOf(sequence, count);
            token = Arrays.copyOf(token, count);
            keptAt = Arrays.copyOf(keptAt, count);
            end = Arrays.copyOf(end, count);
        }
    }

    private final long windowMillis;
    private final long maxBytes;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long bytes;
    private int size;
    private long evictedUpTo = Long.MIN_VALUE;

    /**
     * @param windowMillis how long a tick is kept
     * @param maxBytes the heap the kept ticks may hold ({@link #bytes}); the oldest go first
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
        byte[] frame = TickCodec.encode(t);
        synchronized (this) {
            Chunk c = chunks.peekLast();
            if (c == null || !c.fits(frame.length)) {
                if (c != null && c.first == c.count) {
                    // Everything in it left the window: the buffer is empty, the chunk goes.
                    chunks.pollLast();
                    bytes -= CHUNK_OVERHEAD;
                } else if (c != null) {
                    c.trim();
                }
                c = new Chunk(Math.max(CHUNK_BYTES, frame.length));
                chunks.addLast(c);
                bytes += CHUNK_OVERHEAD;
            }
            int i = c.count++;
            int from = c.start(i);
            System.arraycopy(frame, 0, c.data, from, frame.length);
            c.end[i] = from + frame.length;
            c.sequence[i] = t.ingestSequence();
            c.token[i] = t.instrumentToken();
            c.keptAt[i] = nowMillis;
            bytes += frame.length + INDEX_BYTES;
            size++;
            evict(nowMillis);
        }
    }

    /** Under the lock: drops the oldest ticks while over the memory bound or out of the window. */
    private void evict(long nowMillis) {
        while (size > 0) {
            Chunk c = chunks.peekFirst();
            int i = c.first;
            if (bytes <= maxBytes && nowMillis - c.keptAt[i] <= windowMillis) {
                return;
            }
            bytes -= c.end[i] - c.start(i) + INDEX_BYTES;
            evictedUpTo = c.sequence[i];
            size--;
            c.first++;
            if (c.first == c.count && chunks.size() > 1) {
                chunks.pollFirst();
                bytes -= CHUNK_OVERHEAD;
            }
        }
    }

    /** The heap the kept ticks are counted to hold: their encodings, their index entries and the chunks. */
    synchronized long bytes() {
        return bytes;
    }

    /** Ticks kept now. */
    synchronized int size() {
        return size;
    }

    /**
     * Ticks of these instruments after {@code sequence}, in order; null when part of that range has
     * already left the window (a gap).
     */
    List<Tick> since(long sequence, Set<Long> tokens) {
        List<byte[]> frames = new ArrayList<>();
        synchronized (this) {
            long oldest = size == 0 ? evictedUpTo + 1 : oldestKept();
            if (sequence < oldest - 1) {
                return null;
            }
            Iterator<Chunk> it = chunks.descendingIterator();
            scan:
            while (it.hasNext()) {
                Chunk c = it.next();
                for (int i = c.count - 1; i >= c.first; i--) {
                    if (c.sequence[i] <= sequence) {
                        break scan;
                    }
                    if (tokens.contains(c.token[i])) {
                        frames.add(Arrays.copyOfRange(c.data, c.start(i), c.end[i]));
                    }
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
        return size == 0 ? -1 : oldestKept();
    }

    private long oldestKept() {
        Chunk c = chunks.peekFirst();
        return c.sequence[c.first];
    }
}
