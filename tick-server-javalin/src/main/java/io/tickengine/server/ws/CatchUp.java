package io.tickengine.server.ws;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one client still catches up on before the live ticks of some instruments go to it unchecked.
 * When a client gets ticks outside the live stream (a snapshot, ticks it missed), each of their
 * instruments is fenced at the newest sequence it got: a live tick no newer (the same tick arriving
 * live, or an older one still on its way through a lagging sink) is skipped and counted as superseded,
 * so the client never sees an instrument go back in time; the first live tick at or past the fence
 * lifts it. Confined to the client's fan-out thread.
 */
final class CatchUp {
    private static final long LIFTED = Long.MIN_VALUE;
    private static final long[] NONE = new long[0];

    private final LongAdder superseded;
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

    /** Whether a live tick goes to the client; a skipped one is counted. */
    boolean live(long token, long sequence) {
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
        for (int i = 0; i < tokens.length; i++) {
            if (sequences[i] != LIFTED && gone.contains(tokens[i])) {
                lift(i);
            }
        }
    }

    /** True when no instrument is fenced any more. */
    boolean done() {
        return fenced == 0;
    }

    private void lift(int i) {
        sequences[i] = LIFTED;
        if (--fenced == 0) {
            tokens = NONE;
            sequences = NONE;
        }
    }
}
