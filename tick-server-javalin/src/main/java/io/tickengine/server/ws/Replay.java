package io.tickengine.server.ws;

import io.tickengine.core.Tick;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client catching up on what it missed: the kept ticks of some instruments, read from the resume
 * buffer in order, a step at a time, each step filling at most half the client's outbound buffer so that
 * none of them is conflated and the rest stays for live updates (a client that stops reading still runs
 * into the slow-client limit). Meanwhile the live ticks of these instruments are not routed to the client:
 * they are in the buffer too, and it reads them in turn. It ends when it reaches where its fan-out thread
 * has routed to, and the live ticks go on from there; or, when the window dropped a tick it still had to
 * send, with a gap message and the latest ticks. Confined to the client's fan-out thread.
 */
final class Replay {
    /**
     * Buffer positions one step looks at, at most: the scan holds the resume buffer's lock, which the
     * broadcaster takes for every batch, and the fan-out thread's other clients wait for it too. A step that
     * stops here is taken again at once, after the thread's other work.
     */
    static final int MAX_SCAN = 1 << 12;

    /** What a step leaves to do. */
    enum Progress {
        /** Waiting for room in the client's buffer or for ticks to be routed. */
        WAITING,
        /** More to read at once. */
        AGAIN,
        /** Caught up, ended with a gap, or given up (the client left). */
        DONE
    }

    private final ClientSession session;
    private final ResumeBuffer buffer;
    private final Starts starts;
    private final HubCounters counters;
    // The instruments still replayed, sorted, and the newest sequence the client got of each.
    private long[] tokens;
    private long[] sent;
    private long cursor;
    private long lastSequence;
    private boolean waitingForRoom;
    private final List<Tick> read = new ArrayList<>();

    /**
     * @param tokens the instruments, sorted
     * @param from the buffer position of the first tick after {@code fromSequence}
     */
    Replay(ClientSession session, ResumeBuffer buffer, Starts starts, HubCounters counters, long[] tokens, long from,
           long fromSequence) {
        this.session = session;
        this.buffer = buffer;
        this.starts = starts;
        this.counters = counters;
        this.tokens = tokens;
        this.sent = new long[tokens.length];
        Arrays.fill(sent, Long.MIN_VALUE);
        this.cursor = from;
        this.lastSequence = fromSequence;
    }

    ClientSession session() {
        return session;
    }

    /** Whether a live tick of this instrument is left to the replay. */
    boolean covers(long token) {
        return Arrays.binarySearch(tokens, token) >= 0;
    }

    /** Stops replaying instruments the client no longer wants. */
    void forget(Set<Long> gone) {
        int n = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (!gone.contains(tokens[i])) {
                tokens[n] = tokens[i];
                sent[n++] = sent[i];
            }
        }
        tokens = Arrays.copyOf(tokens, n);
        sent = Arrays.copyOf(sent, n);
    }

    /**
     * Whether the last step stopped for lack of room in the client's buffer: the fan-out thread steps it
     * again once its flush made room, as no other event may come.
     */
    boolean waitingForRoom() {
        return waitingForRoom;
    }

    /** Queues what fits of the ticks up to {@code routedUpTo}, the end of what the fan-out thread has routed. */
    Progress step(long routedUpTo) {
        waitingForRoom = false;
        if (tokens.length == 0) {
            return Progress.DONE;
        }
        if (cursor > routedUpTo) {
            // The client saw ticks this thread has yet to route: their live copies are skipped meanwhile.
            return Progress.WAITING;
        }
        while (cursor < routedUpTo) {
            int room = session.out().orderedRoom();
            if (room <= 0) {
                waitingForRoom = room == 0;
                return room < 0 ? Progress.DONE : Progress.WAITING;
            }
            read.clear();
            long next = buffer.read(cursor, routedUpTo, tokens, room, MAX_SCAN, read);
            if (next < 0) {
                starts.gap(session, lastSequence, tokens, newest());
                return Progress.DONE;
            }
            for (Tick t : read) {
                int i = Arrays.binarySearch(tokens, t.instrumentToken());
                sent[i] = t.ingestSequence();
                lastSequence = Math.max(lastSequence, t.ingestSequence());
                session.shard().send(session, t.instrumentToken(), t);
            }
            counters.replayed.add(read.size());
            cursor = next;
            if (read.size() < room && cursor < routedUpTo) {
                return Progress.AGAIN;
            }
        }
        return Progress.DONE;
    }

    /** The newest sequence the client got of each instrument so far. */
    private Map<Long, Long> newest() {
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            if (sent[i] != Long.MIN_VALUE) {
                m.put(tokens[i], sent[i]);
            }
        }
        return m;
    }
}
