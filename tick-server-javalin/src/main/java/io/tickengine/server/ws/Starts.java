package io.tickengine.server.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.server.internal.Tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a client's newly subscribed instruments start: their latest ticks, or what they missed since a
 * sequence. Runs on the client's fan-out thread, in the same step that starts routing the instruments
 * to it, so the ticks queued here and the live ticks after them are in order.
 */
final class Starts {
    private final ResumeBuffer resume;
    private final LatestTicks latest;
    private final HubCounters counters;

    Starts(ResumeBuffer resume, LatestTicks latest, HubCounters counters) {
        this.resume = resume;
        this.latest = latest;
        this.counters = counters;
    }

    /**
     * On the session's fan-out thread: routes instruments to it and queues their snapshot, or starts a
     * {@link Replay} of what they missed after {@code fromSequence}, so that with the live ticks that follow
     * the client gets each instrument's ticks in order.
     */
    void start(ClientSession s, List<Long> tokens, Long fromSequence) {
        FanOutShard shard = s.shard();
        for (Long t : tokens) {
            shard.add(t, s);
        }
        if (fromSequence == null) {
            snapshot(s, tokens, Map.of());
            return;
        }
        long[] sorted = sorted(tokens);
        long from = resume.positionAfter(fromSequence);
        if (from < 0) {
            gap(s, fromSequence, sorted, Map.of());
            return;
        }
        Replay r = new Replay(s, resume, this, counters, sorted, from, fromSequence);
        s.replay(r, counters.superseded);
        shard.replay(r);
    }

    /**
     * On the session's fan-out thread: tells the client, after what it was sent so far, that the window no
     * longer holds ticks it missed after {@code fromSequence}, then queues the latest ticks of the
     * instruments, but none it has already got ({@code newest}: the newest sequence it got of each).
     */
    void gap(ClientSession s, long fromSequence, long[] tokens, Map<Long, Long> newest) {
        Map<String, Object> gap = new LinkedHashMap<>();
        gap.put("type", "gap");
        gap.put("from_sequence", fromSequence);
        gap.put("oldest_sequence", resume.oldest());
        gap.put("message", "Resume window exceeded; sending the latest snapshot instead");
        s.out().inOrder(Tree.json(gap));
        counters.resumeGaps.increment();
        List<Long> list = new ArrayList<>(tokens.length);
        for (long t : tokens) {
            list.add(t);
        }
        snapshot(s, list, newest);
    }

    /**
     * On the session's fan-out thread: queues the latest trade tick of each instrument as this thread
     * routed it, read back from the resume buffer, so the live ticks go on exactly from there. An
     * instrument without one in the window comes from the latest-tick cache, a sink of its own that may be
     * ahead of this thread: it is fenced at that tick, so the older ones still on their way are skipped.
     * A tick no newer than the newest the client got of its instrument ({@code newest}) is left out.
     */
    void snapshot(ClientSession s, Collection<Long> tokens, Map<Long, Long> newest) {
        FanOutShard shard = s.shard();
        long[] positions = new long[tokens.size()];
        int n = 0;
        for (Long t : tokens) {
            positions[n++] = shard.latestRouted(t);
        }
        Tick[] routed = resume.at(positions);
        List<Long> older = new ArrayList<>();
        n = 0;
        for (Long t : tokens) {
            Tick tick = routed[n++];
            if (tick == null) {
                older.add(t);
            } else if (tick.ingestSequence() > newest.getOrDefault(t, Long.MIN_VALUE)) {
                shard.send(s, t, tick);
            }
        }
        List<Tick> cached = new ArrayList<>();
        Map<Long, Long> fences = new HashMap<>();
        for (Tick t : latest.get(older)) {
            if (t.ingestSequence() > newest.getOrDefault(t.instrumentToken(), Long.MIN_VALUE)) {
                cached.add(t);
                fences.put(t.instrumentToken(), t.ingestSequence());
            }
        }
        s.fence(fences, counters.superseded);
        for (Tick t : cached) {
            shard.send(s, t.instrumentToken(), t);
        }
    }

    private static long[] sorted(Collection<Long> tokens) {
        long[] a = new long[tokens.size()];
        int n = 0;
        for (Long t : tokens) {
            a[n++] = t;
        }
        Arrays.sort(a);
        return a;
    }
}
