package io.tickengine.core.engine.internal;

/**
 * What a sink's worker thread reports about itself: delivered, batches and their time, abandoned, lag and
 * the batch it holds (from the moment it takes it from the mailbox until the sink took it).
 * Only the worker writes it, often (after every batch), so it sits on cache lines of its own:
 * producers read the worker's other fields on every offer, and sharing a line with these counters
 * would cost them a cache miss each time the worker delivered.
 */
@SuppressWarnings("unused")
final class WorkerProgress extends WorkerProgressFields {
    private long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The counters, after a cache line of padding. */
abstract class WorkerProgressFields extends WorkerProgressPad {
    volatile long delivered;
    volatile long batches;
    volatile long batchNanos;
    volatile long abandoned;
    volatile long lagMillis;
    /** Timestamp of the first item of the batch the worker holds, while {@code pendingSize > 0}. */
    volatile long pendingOldest;
    volatile int pendingSize;
}

/** Padding before the counters (superclass fields are laid out first). */
@SuppressWarnings("unused")
abstract class WorkerProgressPad {
    private long p00, p01, p02, p03, p04, p05, p06, p07;
}
