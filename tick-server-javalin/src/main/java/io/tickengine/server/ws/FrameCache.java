package io.tickengine.server.ws;

import io.tickengine.core.Tick;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Frames of single ticks in the default format (plain JSON, one tick per message, no delta), encoded
 * once and shared by every client of a dialect that sends the same tick, so fan-out to many clients
 * does not encode the same tick many times. Bounded: a slot per recent tick, replaced on collision;
 * a miss only costs an encoding. Thread-safe.
 */
final class FrameCache {
    private record Entry(Tick tick, String frame) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    /** @param size slots, rounded up to a power of two */
    FrameCache(int size) {
        int n = Integer.highestOneBit(Math.max(2, size - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(n);
        this.mask = n - 1;
    }

    /** The frame of this very tick (by identity), encoding it when no slot holds it. */
    String frame(Tick tick, Function<Tick, String> encoder) {
        long key = tick.ingestSequence() != Tick.NO_SEQUENCE ? tick.ingestSequence() : System.identityHashCode(tick);
        int i = (int) (key ^ (key >>> 32)) & mask;
        Entry e = slots.get(i);
        if (e != null && e.tick == tick) {
            return e.frame;
        }
        String frame = encoder.apply(tick);
        slots.set(i, new Entry(tick, frame));
        return frame;
    }
}
