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
     * On the session's fan-out thread: routes instruments to it and queues their snapshot or what they
     * missed, so that with the live ticks that follow the client gets each instrument's ticks in order.
     */
    void start(ClientSession s, List<Long> tokens, Long fromSequence) {
        FanOutShard shard = s.shard();
        for (Long t : tokens) {
            shard.add(t, s);
        }
        if (fromSequence != null) {
            long from = resume.positionAfter(fromSequence);
            long routed = shard.routedUpTo();
            List<Tick> missed = new ArrayList<>();
            if (from >= 0 && resume.read(from, routed, sorted(tokens), Integer.MAX_VALUE, Integer.MAX_VALUE, missed) >= 0) {
                if (from > routed) {
                    // The client saw ticks this thread has yet to route: they must not come again.
                    Map<Long, Long> seen = new HashMap<>();
                    tokens.forEach(t -> seen.put(t, fromSequence));
                    s.fence(seen, counters.superseded);
                }
                for (Tick t : missed) {
                    shard.send(s, t.instrumentToken(), t);
                }
                return;
            }
            Map<String, Object> gap = new LinkedHashMap<>();
            gap.put("type", "gap");
            gap.put("from_sequence", fromSequence);
            gap.put("oldest_sequence", resume.oldest());
            gap.put("message", "Resume window exceeded; sending the latest snapshot instead");
            s.out().control(Tree.json(gap));
        }
        snapshot(s, tokens);
    }

    /**
     * On the session's fan-out thread: queues the latest trade tick of each instrument as this thread
     * routed it, read back from the resume buffer, so the live ticks go on exactly from there. An
     * instrument without one in the window comes from the latest-tick cache, a sink of its own that may be
     * ahead of this thread: it is fenced at that tick, so the older ones still on their way are skipped.
     */
    void snapshot(ClientSession s, Collection<Long> tokens) {
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
            if (tick != null) {
                shard.send(s, t, tick);
            } else {
                older.add(t);
            }
        }
        List<Tick> cached = latest.get(older);
        Map<Long, Long> fences = new HashMap<>();
        for (Tick t : cached) {
            fences.put(t.instrumentToken(), t.ingestSequence());
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
