package io.tickengine.cache.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Assigns explicit, strictly increasing stream entry IDs {@code <ms>-<seq>} per key, deterministically,
 * so a batch retried after a failure gets the same IDs again and Redis refuses the entries it already
 * has. An entry whose time is not after the key's last entry (same millisecond, or out of order) is
 * filed under that last millisecond with the next sequence. Assignments of a batch are provisional
 * until {@link #commit()}; {@link #begin()} forgets uncommitted ones. Single-threaded.
 */
public final class StreamIds {
    /** Above this many keys the committed state is dropped; Redis still refuses IDs that go back. */
    static final int MAX_KEYS = 200_000;

    private final Map<String, long[]> committed = new HashMap<>();
    private final Map<String, long[]> working = new HashMap<>();
    /** Room for the ASCII digits of two longs and the dash between them. */
    private final byte[] id = new byte[41];
    private long ms;
    private long seq;

    /** Starts a batch, forgetting any uncommitted assignment. */
    public void begin() {
        working.clear();
    }

    /**
     * Assigns the next ID of {@code key} for an entry at {@code timeMillis}; {@code preferredSeq} (for
     * example the tick's ingest sequence or the candle's revision) is used when it keeps IDs increasing.
     * Read the result with {@link #ms()} and {@link #seq()}.
     */
    public void assign(String key, long timeMillis, long preferredSeq) {
        long[] last = working.get(key);
        if (last == null) {
            long[] c = committed.get(key);
            last = c == null ? null : c.clone();
            if (last != null) {
                working.put(key, last);
            }
        }
        long want = Math.max(0, preferredSeq);
        if (last == null || timeMillis > last[0]) {
            ms = Math.max(0, timeMillis);
            seq = ms == 0 && want == 0 ? 1 : want;
        } else {
            ms = last[0];
            seq = want > last[1] ? want : last[1] + 1;
        }
        if (last == null) {
            working.put(key, new long[] {ms, seq});
        } else {
            last[0] = ms;
            last[1] = seq;
        }
    }

    /** The millisecond part of the last assigned ID. */
    public long ms() {
        return ms;
    }

    /** The sequence part of the last assigned ID. */
    public long seq() {
        return seq;
    }

    /** The last assigned ID as Redis takes it: ASCII {@code <ms>-<seq>}. */
    public byte[] idBytes() {
        int n = putDecimal(ms, 0);
        id[n++] = '-';
        n = putDecimal(seq, n);
        return Arrays.copyOf(id, n);
    }

    /** Makes the batch's assignments the base of the next batch. */
    public void commit() {
        if (committed.size() + working.size() > MAX_KEYS) {
            committed.clear();
        }
        committed.putAll(working);
        working.clear();
    }

    private int putDecimal(long v, int at) {
        if (v < 0) { // assigned IDs are not negative; written exactly all the same
            byte[] digits = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(digits, 0, id, at, digits.length);
            return at + digits.length;
        }
        int end = at + 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            end++;
        }
        for (int i = end - 1; i >= at; i--) {
            id[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }

    /** Committed keys, for tests. */
    int keys() {
        return committed.size();
    }
}
