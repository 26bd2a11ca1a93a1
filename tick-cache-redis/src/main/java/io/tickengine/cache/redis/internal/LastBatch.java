package io.tickengine.cache.redis.internal;

import io.tickengine.core.Tick;
import java.util.Arrays;
import java.util.List;

/**
 * The last batch a sink was given, by tick instance, and what of it was done: the engine retries a
 * failed batch by delivering the same ticks again, so a batch of exactly those instances in that
 * order is a redelivery. Ticks are never compared by value or ingest sequence: two source threads
 * can deliver one instrument's sequences out of order, and none of those ticks is a duplicate.
 * Used by the sink's thread only.
 */
public final class LastBatch {
    private Tick[] ticks = new Tick[0];
    private int count;
    private boolean written;
    private boolean published;

    /**
     * Whether {@code batch} is the last batch delivered again; if not, it becomes the last batch, with
     * nothing done yet.
     */
    public boolean redelivered(List<Tick> batch) {
        if (isSame(batch)) {
            return true;
        }
        int n = batch.size();
        if (ticks.length < n) {
            ticks = new Tick[Math.max(n, 2 * ticks.length)];
        }
        for (int i = 0; i < n; i++) {
            ticks[i] = batch.get(i);
        }
        Arrays.fill(ticks, n, Math.max(n, count), null);
        count = n;
        written = false;
        published = false;
        return false;
    }

    private boolean isSame(List<Tick> batch) {
        if (batch.size() != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (batch.get(i) != ticks[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether an attempt at the last batch succeeded: a redelivery has nothing left to write. */
    public boolean written() {
        return written;
    }

    /** Records that an attempt at the last batch succeeded. */
    public void markWritten() {
        written = true;
    }

    /** Whether the last batch went out in a PUBLISH (even one whose attempt failed) or into the publish buffer. */
    public boolean published() {
        return published;
    }

    /** Records that the last batch went out in a PUBLISH or into the publish buffer. */
    public void markPublished() {
        published = true;
    }
}
