package io.tickengine.server.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The outbound buffer of one client: control messages and keyed updates (ticks, candles) waiting for
 * the socket. Offering only queues and schedules a pump on the client's fan-out executor, which sends
 * what waits with at most {@code maxInFlight} frames in flight, telling the transport when more frames
 * follow so it can gather them into one write, and starts no write while one is under way: what comes
 * meanwhile leaves together after it. The fan-out thread itself queues ticks without a pump each
 * ({@code queue}) and flushes the client once per round ({@code flush}). When {@code capacity} updates
 * wait, newer updates are conflated to the latest per key; a client that stays behind longer than
 * {@code maxBehindMillis} is closed with 1013. Nothing here blocks, so a slow client never delays the broadcaster or others.
 */
public final class Outbound {
    /** Close code for a client that cannot keep up (RFC 6455 "try again later"). */
    public static final int CLOSE_TOO_SLOW = 1013;
    /** Control messages allowed to wait before the client counts as stuck. */
    static final int MAX_CONTROL = 4096;

    /** Frames one client may have in flight unless told otherwise. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;

    /** A control message queued among the updates, sent after those queued before it. */
    private record InOrder(String json) {
    }

    /** Counters a hub aggregates; all methods are called without this buffer's lock held. */
    public interface Listener {
        void sent(int updates);

        void conflated();

        void closedSlow();

        /** A pump failed unexpectedly (a bug, not a slow client); the client is closed with 1011. */
        void failed(RuntimeException e);
    }

    private final Transport transport;
    private final int capacity;
    private final int maxInFlight;
    private final Executor pumper;
    private int maxBatch;
    private final long maxBehindMillis;
    private final LongSupplier clock;
    private final Listener listener;
    private Function<List<Object>, Object> encoder;

    private final ArrayDeque<String> control = new ArrayDeque<>();
    private final ArrayDeque<Object> updates = new ArrayDeque<>();
    // The updates of the frame being encoded; under the lock, refilled for every frame.
    private final List<Object> batch = new ArrayList<>();
    private final Map<Long, Object> conflated = new LinkedHashMap<>();
    private boolean conflating;
    private long behindSince;
    private int inFlight;
    private boolean scheduled;
    private boolean pumping;
    private boolean closed;
    private boolean marked;
    // A frame sent without "more" (one that makes the transport write) has not completed yet.
    private boolean writing;
    private final Transport.Done onSent = this::onSent;
    private final Transport.Done onWritten = this::onWritten;
    private final Runnable pumpTask = this::runPump;

    /**
     * @param maxInFlight frames handed to the transport and not yet completed, at most
     * @param pumper where sends run: one thread per client at a time (a fan-out shard), or the caller's
     * @param encoder turns a batch of updates into one frame: text as a {@code String} or UTF-8 {@code byte[]}
     *     (which may be shared and is never written to), or binary as a {@code ByteBuffer}; the list it is
     *     given is reused for the next frame, so it must not keep it
     */
    public Outbound(Transport transport, int capacity, int maxBatch, int maxInFlight, long maxBehindMillis,
                    LongSupplier clock, Listener listener, Executor pumper, Function<List<Object>, Object> encoder) {
        this.transport = transport;
        this.capacity = capacity;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.pumper = pumper;
        this.maxBatch = Math.max(1, maxBatch);
        this.maxBehindMillis = maxBehindMillis;
        this.clock = clock;
        this.listener = listener;
        this.encoder = encoder;
    }

    /** Replaces the encoder, for options negotiated after connect; applies to frames not yet built. */
    public synchronized void encoder(Function<List<Object>, Object> encoder) {
        this.encoder = encoder;
    }

    /** Sets how many updates one frame may carry. */
    public synchronized void maxBatch(int maxBatch) {
        this.maxBatch = Math.max(1, maxBatch);
    }

    /** Queues a control message (confirmation, error, pong); sent before waiting updates. */
    public void control(String json) {
        boolean stuck;
        synchronized (this) {
            if (closed) {
                return;
            }
            control.add(json);
            stuck = control.size() > MAX_CONTROL;
        }
        if (stuck) {
            closeSlow("Client too slow: control messages not read");
            return;
        }
        schedule();
    }

    /**
     * Queues a control message behind the updates waiting in order, rather than before them like
     * {@link #control}: a gap notice after the replayed ticks it follows. Updates conflated meanwhile may
     * still leave after it.
     */
    void inOrder(String json) {
        synchronized (this) {
            if (closed) {
                return;
            }
            updates.add(new InOrder(json));
        }
        schedule();
    }

    /**
     * How many more updates can be queued now without any being conflated, keeping half the buffer for
     * live updates: room for updates that must all arrive, such as a replay. 0 while conflating, -1 once
     * closed.
     */
    synchronized int orderedRoom() {
        if (closed) {
            return -1;
        }
        return conflating ? 0 : Math.max(0, Math.max(1, capacity / 2) - updates.size());
    }

    /** Queues an update keyed by instrument (or instrument and interval); conflates when the buffer is full. */
    public void offer(long key, Object update) {
        if (queue(key, update)) {
            schedule();
        }
    }

    /**
     * Queues an update like {@link #offer} but leaves the pump to the caller, which must be this
     * client's fan-out thread and call {@link #flush} soon. False when nothing needs sending: the
     * buffer is closed, or the client was closed for being too slow.
     */
    boolean queue(long key, Object update) {
        boolean conflatedOne = false;
        boolean tooSlow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (!conflating && updates.size() < capacity) {
                updates.add(update);
            } else {
                long now = clock.getAsLong();
                if (!conflating) {
                    conflating = true;
                    behindSince = now;
                }
                conflatedOne = conflated.put(key, update) != null;
                tooSlow = now - behindSince > maxBehindMillis;
            }
        }
        if (conflatedOne) {
            listener.conflated();
        }
        if (tooSlow) {
            closeSlow("Client too slow: behind for more than " + maxBehindMillis + " ms");
            return false;
        }
        return true;
    }

    /**
     * Marks this buffer as touched in the current round of its fan-out thread; true the first time, so
     * the thread lists it once. Confined to that thread, like {@link #flush}.
     */
    boolean mark() {
        if (marked) {
            return false;
        }
        marked = true;
        return true;
    }

    /**
     * Sends what waits now, on the calling thread, which must be this client's fan-out thread (the
     * pumper): frames are marked as followed by more until the last, so they leave in one write.
     */
    void flush() {
        marked = false;
        pumpSafely();
    }

    /**
     * Drops the waiting updates that match (an unsubscribed instrument's ticks); returns how many. Control
     * messages stay.
     */
    public synchronized int discard(Predicate<Object> which) {
        int before = updates.size() + conflated.size();
        updates.removeIf(which);
        conflated.values().removeIf(which);
        return before - updates.size() - conflated.size();
    }

    /** Updates waiting, conflated ones included. */
    public synchronized int backlog() {
        return updates.size() + conflated.size();
    }

    /** Whether the buffer is conflating because the client fell behind. */
    public synchronized boolean conflating() {
        return conflating;
    }

    /** Closes the socket with a code and reason and discards what waits. */
    public void close(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            control.clear();
            updates.clear();
            conflated.clear();
        }
        transport.close(code, reason);
    }

    private void closeSlow(String reason) {
        boolean first;
        synchronized (this) {
            first = !closed;
        }
        if (first) {
            listener.closedSlow();
            close(CLOSE_TOO_SLOW, reason);
        }
    }

    private void onWritten(Throwable failure) {
        synchronized (this) {
            writing = false;
        }
        onSent(failure);
    }

    private void onSent(Throwable failure) {
        synchronized (this) {
            inFlight--;
        }
        if (failure != null) {
            close(1011, "Send failed");
            return;
        }
        schedule();
    }

    /**
     * Asks the pumper to send what waits, unless a pump is scheduled or running: a running pump decides
     * to stop under the same lock, so it sees anything queued or completed before that.
     */
    private void schedule() {
        synchronized (this) {
            if (scheduled || pumping || closed) {
                return;
            }
            scheduled = true;
        }
        pumper.execute(pumpTask);
    }

    private void runPump() {
        synchronized (this) {
            scheduled = false;
        }
        pumpSafely();
    }

    private void pumpSafely() {
        try {
            pump();
        } catch (RuntimeException e) {
            synchronized (this) {
                pumping = false;
            }
            listener.failed(e);
            close(1011, "Server error");
        }
    }

    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        int sent = 0;
        try {
            while (true) {
                Object frame;
                int count;
                boolean more;
                synchronized (this) {
                    // One write at a time: while one is under way, frames wait here and leave together after it.
                    if (closed || inFlight >= maxInFlight || writing) {
                        pumping = false;
                        return;
                    }
                    String c = control.poll();
                    if (c == null && updates.peek() instanceof InOrder m) {
                        updates.poll();
                        c = m.json();
                    }
                    if (c != null) {
                        frame = c;
                        count = 0;
                    } else {
                        takeBatch();
                        if (batch.isEmpty()) {
                            pumping = false;
                            return;
                        }
                        try {
                            frame = encoder.apply(batch);
                            count = batch.size();
                        } finally {
                            batch.clear();
                        }
                    }
                    inFlight++;
                    // Only this pump takes frames, so what waits now is still there on the next turn.
                    more = inFlight < maxInFlight && (!control.isEmpty() || !updates.isEmpty() || !conflated.isEmpty());
                    writing = !more;
                }
                Transport.Done done = more ? onSent : onWritten;
                sent += count;
                if (frame instanceof ByteBuffer bytes) {
                    transport.sendBinary(bytes, more, done);
                } else if (frame instanceof byte[] utf8) {
                    transport.sendText(utf8, more, done);
                } else {
                    transport.sendText(((String) frame).getBytes(StandardCharsets.UTF_8), more, done);
                }
            }
        } finally {
            // Counted once per pump, outside the lock.
            if (sent > 0) {
                listener.sent(sent);
            }
        }
    }

    /**
     * Under the lock: fills {@code batch} with the next frame's updates, FIFO first (up to a message in
     * order), then the conflated latest values.
     */
    private void takeBatch() {
        while (batch.size() < maxBatch && !updates.isEmpty() && !(updates.peek() instanceof InOrder)) {
            batch.add(updates.poll());
        }
        if (updates.isEmpty()) {
            Iterator<Object> it = conflated.values().iterator();
            while (batch.size() < maxBatch && it.hasNext()) {
                batch.add(it.next());
                it.remove();
            }
            if (conflated.isEmpty()) {
                conflating = false;
            }
        }
    }
}
