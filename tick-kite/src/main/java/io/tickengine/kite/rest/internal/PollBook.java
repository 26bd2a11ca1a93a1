package io.tickengine.kite.rest.internal;

import io.tickengine.core.TickMode;
import io.tickengine.kite.rest.PollTier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * What the quote poller polls and when: each instrument has a mode, a tier and a due time. The next batch
 * takes the most urgent due instrument's mode and fills up with due instruments of that mode, hot before
 * cold and oldest first. Thread-safe: callers change it, the poller thread reads it.
 */
public final class PollBook {
    private static final long MAX_TOKEN = 0xFFFF_FFFFL;
    private static final Comparator<Entry> URGENCY = Comparator.comparing((Entry e) -> e.tier)
            .thenComparingLong(e -> e.dueNanos).thenComparingLong(e -> e.token);

    /** One batch to request: a mode and up to its per-request maximum of tokens. */
    public record Batch(TickMode mode, List<Long> tokens) {
    }

    private static final class Entry {
        final long token;
        TickMode mode;
        PollTier tier;
        long dueNanos;

        Entry(long token, TickMode mode, PollTier tier, long dueNanos) {
            this.token = token;
            this.mode = mode;
            this.tier = tier;
            this.dueNanos = dueNanos;
        }
    }

    private final Map<Long, Entry> entries = new HashMap<>();

    /**
     * Adds tokens, or changes their mode and tier; new ones and ones whose mode changed are due at once.
     *
     * @throws IllegalArgumentException when a token is not a positive uint32
     */
    public synchronized void subscribe(Collection<Long> tokens, TickMode mode, PollTier tier, long nowNanos) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tier, "tier");
        check(tokens);
        for (Long t : tokens) {
            Entry e = entries.get(t);
            if (e == null) {
                entries.put(t, new Entry(t, mode, tier, nowNanos));
            } else {
                if (e.mode != mode) {
                    e.dueNanos = Math.min(e.dueNanos, nowNanos);
                }
                e.mode = mode;
                e.tier = tier;
            }
        }
    }

    /** Removes tokens; unknown ones are ignored. */
    public synchronized void unsubscribe(Collection<Long> tokens) {
        check(tokens);
        for (Long t : tokens) {
            entries.remove(t);
        }
    }

    /** The next batch due at {@code nowNanos}, or null when nothing is due. */
    public synchronized Batch next(long nowNanos, ToIntFunction<TickMode> maxPerRequest) {
        List<Entry> due = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.dueNanos - nowNanos <= 0) {
                due.add(e);
            }
        }
        if (due.isEmpty()) {
            return null;
        }
        due.sort(URGENCY);
        TickMode mode = due.get(0).mode;
        int max = maxPerRequest.applyAsInt(mode);
        List<Long> tokens = new ArrayList<>(Math.min(max, due.size()));
        for (int i = 0; i < due.size() && tokens.size() < max; i++) {
            if (due.get(i).mode == mode) {
                tokens.add(due.get(i).token);
            }
        }
        return new Batch(mode, List.copyOf(tokens));
    }

    /** When the next instrument is due, or {@link Long#MAX_VALUE} when there is none. */
    public synchronized long nextDueNanos(long nowNanos) {
        long best = Long.MAX_VALUE;
        for (Entry e : entries.values()) {
            if (best == Long.MAX_VALUE || e.dueNanos - best < 0) {
                best = e.dueNanos;
            }
        }
        return best == Long.MAX_VALUE ? best : Math.max(best, nowNanos);
    }

    /** Marks a batch as polled at {@code nowNanos}: each token is due again one interval of its tier later. */
    public synchronized void polled(Batch batch, long nowNanos, ToLongFunction<PollTier> intervalNanos) {
        for (Long t : batch.tokens()) {
            Entry e = entries.get(t);
            if (e != null && e.mode == batch.mode()) {
                e.dueNanos = nowNanos + intervalNanos.applyAsLong(e.tier);
            }
        }
    }

    /** Token to mode of every subscription. */
    public synchronized Map<Long, TickMode> snapshot() {
        Map<Long, TickMode> out = new HashMap<>();
        entries.forEach((t, e) -> out.put(t, e.mode));
        return Map.copyOf(out);
    }

    /** Token to tier of every subscription. */
    public synchronized Map<Long, PollTier> tiers() {
        Map<Long, PollTier> out = new HashMap<>();
        entries.forEach((t, e) -> out.put(t, e.tier));
        return Map.copyOf(out);
    }

    /** How many instruments are polled. */
    public synchronized int size() {
        return entries.size();
    }

    private static void check(Collection<Long> tokens) {
        Objects.requireNonNull(tokens, "instrumentTokens");
        for (Long t : tokens) {
            if (t == null || t <= 0 || t > MAX_TOKEN) {
                throw new IllegalArgumentException("instrument token must be 1.." + MAX_TOKEN + ", was " + t);
            }
        }
    }
}
