package io.tickengine.core.internal;

import io.tickengine.core.Tick;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Gives an accepted tick its engine ingest sequence without copying it: the sequence is written into
 * the tick once, from 0, by compare-and-set, before the engine hands the tick to any sink. A tick
 * that already has a sequence (published twice, replayed, or seen by another engine) is copied with
 * {@link Tick#withIngestSequence}, so a stamped tick never changes again.
 */
public final class IngestStamp {
    private static final VarHandle SEQUENCE;

    static {
        try {
            SEQUENCE = MethodHandles.privateLookupIn(Tick.class, MethodHandles.lookup())
                    .findVarHandle(Tick.class, "ingestSequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private IngestStamp() {
    }

    /**
     * The tick carrying {@code sequence}: the tick itself when it had none yet, else a copy.
     *
     * @param sequence a positive sequence
     */
    public static Tick stamp(Tick tick, long sequence) {
        if ((long) SEQUENCE.getOpaque(tick) == 0 && SEQUENCE.compareAndSet(tick, 0L, sequence)) {
            return tick;
        }
        return tick.withIngestSequence(sequence);
    }
}
