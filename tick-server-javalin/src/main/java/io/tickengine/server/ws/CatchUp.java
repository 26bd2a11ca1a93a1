package io.tickengine.server.ws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one client still catches up on before the live ticks of some instruments go to it unchecked.
 * While a {@link Replay} runs, the live ticks of its instruments are left to it. When a client gets a
 * tick from the latest-tick cache (which may be ahead of the live stream), its instrument is fenced at
 * that tick's sequence: a live tick no newer (the same tick arriving live, or an older one still on its
 * way) is skipped and counted as superseded, so the client never sees an instrument go back in time; the
 * first live tick at or past the fence lifts it. Confined to the client's fan-out thread.
 */
final class CatchUp {
    private static final long LIFTED = Long.MIN_VALUE;
    private static final long[] NONE = new long[0];

    private final LongAdder superseded;
    private final List<Replay> replays = new ArrayList<>(1);
    // Fenced instruments, sorted, and the sequence each is fenced at (LIFTED once lifted).
    private long[] tokens = NONE;
    private long[] sequences = NONE;
    private int fenced;

    CatchUp(LongAdder superseded) {
        this.superseded = superseded;
    }

    /** Fences instruments at the newest sequence the client got of each; a fence never moves back. */
    void fence(Map<Long, Long> newest) {
        if (newest.isEmpty()) {
            return;
        }
        TreeMap<Long, Long> all = new TreeMap<>();
        for (int i = 0; i < tokens.length; i++) {
            if (sequences[i] != LIFTED) {
                all.put(tokens[i], sequences[i]);
            }
        }
        newest.forEach((token, sequence) -> all.merge(token, sequence, Math::max));
        tokens = new long[all.size()];
        sequences = new long[all.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : all.entrySet()) {
            tokens[i] = e.getKey();
            sequences[i++] = e.getValue();
        }
        fenced = all.size();
    }

    /** Leaves the live ticks of a replay's instruments to it until it ends. */
    void add(Replay replay) {
        replays.add(replay);
    }

    void end(Replay replay) {
        replays.remove(replay);
    }

    /** Whether a live tick goes to the client; one skipped for a fence is counted. */
    boolean live(long token, long sequence) {
        for (int i = 0, n = replays.size(); i < n; i++) {
            if (replays.get(i).covers(token)) {
                return false;
            }
        }
        if (fenced == 0) {
            return true;
        }
        int i = Arrays.binarySearch(tokens, token);
        if (i < 0 || sequences[i] == LIFTED) {
            return true;
        }
        long fence = sequences[i];
        if (sequence >= fence) {
            // Ticks of one instrument come in order: past the tick it was fenced at, every one is newer.
            lift(i);
        }
        if (sequence > fence) {
            return true;
        }
        superseded.increment();
        return false;
    }

    /** Forgets instruments the client no longer wants. */
    void forget(Set<Long> gone) {
        for (Replay r : replays) {
            r.forget(gone);
        }
        for (int i = 0; i < tokens.length; i++) {
            if (sequences[i] != LIFTED && gone.contains(tokens[i])) {
                lift(i);
            }
        }
    }

    /** True when no replay runs and no instrument is fenced any more. */
    boolean done() {
        return fenced == 0 && replays.isEmpty();
    }

    private void lift(int i) {
        sequences[i] = LIFTED;
        if (--fenced == 0) {
            tokens = NONE;
            sequences = NONE;
        }
    }
}
