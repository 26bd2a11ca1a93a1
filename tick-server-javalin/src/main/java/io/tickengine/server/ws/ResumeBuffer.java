package io.tickengine.server.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.codec.TickCodec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The recent ticks by ingest sequence, kept for a bounded window (seed 001: 5 minutes) and a bounded
 * amount of memory, so a reconnecting client can ask for what it missed since its last sequence; asked
 * for more than is kept, it gets a gap instead.
 *
 * <p>Every tick added gets the next position (0, 1, 2, ...), in the order the broadcaster hands ticks to
 * the fan-out threads, so a fan-out thread knows which kept ticks it has routed: those before the end
 * of the last batch it took. Clients read ranges of positions ({@link #read}) and single ones ({@link #at}).
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

    /** Ticks appended in order; the oldest kept one is {@code first}; tick {@code i} has position {@code base + i}. */
    private static final class Chunk {
        final long base;
        byte[] data;
        long[] sequence = new long[CHUNK_TICKS];
        long[] token = new long[CHUNK_TICKS];
        long[] keptAt = new long[CHUNK_TICKS];
        int[] end = new int[CHUNK_TICKS];
        int count;
        int first;

        Chunk(long base, int dataBytes) {
            this.base = base;
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
    // The position the next tick gets.
    private long end;

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

    /** Keeps a tick and returns its position, one more than the last tick's; one thread adds. */
    long add(Tick t, long nowMillis) {
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
                c = new Chunk(end, Math.max(CHUNK_BYTES, frame.length));
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
            return end++;
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
     * The position of the first kept tick after {@code sequence}, or of the next tick when none is kept
     * after it; -1 when ticks after it have already left the window (a gap).
     */
    synchronized long positionAfter(long sequence) {
        long oldest = size == 0 ? evictedUpTo + 1 : oldestKept();
        if (sequence < oldest - 1) {
            return -1;
        }
        long after = end;
        Iterator<Chunk> it = chunks.descendingIterator();
        while (it.hasNext()) {
            Chunk c = it.next();
            for (int i = c.count - 1; i >= c.first; i--) {
                if (c.sequence[i] <= sequence) {
                    return after;
                }
                after = c.base + i;
            }
        }
        return after;
    }

    /**
     * Appends to {@code out}, in order, the kept ticks of the given instruments ({@code tokens} sorted)
     * from position {@code from} up to {@code to} (exclusive), at most {@code maxTicks} of them and looking
     * at no more than {@code maxScan} positions. Returns the position to go on from, or -1 when the tick
     * at {@code from} has already left the window (a gap).
     */
    long read(long from, long to, long[] tokens, int maxTicks, int maxScan, List<Tick> out) {
        List<byte[]> frames = new ArrayList<>();
        long next = from;
        synchronized (this) {
            if (from < oldestPosition()) {
                return -1;
            }
            long stop = Math.min(Math.min(to, end), from + maxScan);
            scan:
            for (Chunk c : chunks) {
                for (long p = Math.max(next, c.base); p < c.base + c.count && next < stop; p++) {
                    int i = (int) (p - c.base);
                    next = p + 1;
                    if (Arrays.binarySearch(tokens, c.token[i]) >= 0) {
                        frames.add(Arrays.copyOfRange(c.data, c.start(i), c.end[i]));
                        if (frames.size() == maxTicks) {
                            break scan;
                        }
                    }
                }
                if (next >= stop) {
                    break;
                }
            }
        }
        // Decoded outside the lock, so the broadcaster's adds do not wait for a long resume.
        for (byte[] f : frames) {
            TickCodec.decode(f, out::add);
        }
        return next;
    }

    /**
     * The ticks at these positions, in the same order; null for a position that has left the window (or
     * is negative, or not added yet).
     */
    Tick[] at(long[] positions) {
        byte[][] frames = new byte[positions.length][];
        synchronized (this) {
            Chunk[] kept = chunks.toArray(new Chunk[0]);
            long oldest = oldestPosition();
            for (int k = 0; k < positions.length; k++) {
                long p = positions[k];
                if (p < oldest || p >= end) {
                    continue;
                }
                int lo = 0;
                int hi = kept.length - 1;
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (kept[mid].base <= p) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                Chunk c = kept[lo];
                int i = (int) (p - c.base);
                frames[k] = Arrays.copyOfRange(c.data, c.start(i), c.end[i]);
            }
        }
        Tick[] out = new Tick[positions.length];
        for (int k = 0; k < frames.length; k++) {
            if (frames[k] != null) {
                int slot = k;
                TickCodec.decode(frames[k], t -> out[slot] = t);
            }
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

    /** Under the lock: the position of the oldest kept tick, or of the next one when none is kept. */
    private long oldestPosition() {
        if (size == 0) {
            return end;
        }
        Chunk c = chunks.peekFirst();
        return c.base + c.first;
    }
}
