package io.tickengine.cache.redis.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.codec.TickCodec;
import io.tickengine.core.internal.LongLongMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Encoded ticks a sink holds back until they are due: the publish buffer (every tick, in order) or
 * the latest-tick buffer (the newest per instrument). Used by the sink's thread only.
 */
public final class PendingTicks {
    private final boolean conflate;
    private final List<Tick> ticks = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();
    private final LongLongMap slotOf = new LongLongMap(1024);
    private final List<byte[]> newest = new ArrayList<>();
    private long[] slotTokens = new long[1024];
    private final Map<Long, List<byte[]>> groups = new LinkedHashMap<>();
    private long since;

    private PendingTicks(boolean conflate) {
        this.conflate = conflate;
    }

    /** Keeps every tick, in order. */
    public static PendingTicks everyTick() {
        return new PendingTicks(false);
    }

    /**
     * Keeps the newest tick per instrument that has a trade price: an order-book-only tick
     * ({@link io.tickengine.core.TickMode#DEPTH}) never replaces the latest tick.
     */
    public static PendingTicks newestPerInstrument() {
        return new PendingTicks(true);
    }

    public boolean isEmpty() {
        return conflate ? newest.isEmpty() : ticks.isEmpty();
    }

    /** Ticks held (instruments, when conflating). */
    public int size() {
        return conflate ? newest.size() : ticks.size();
    }

    /** Whether something has waited at least {@code intervalMillis}. */
    public boolean waited(long now, long intervalMillis) {
        return !isEmpty() && now - since >= intervalMillis;
    }

    /** Holds ticks with their one-tick frames. */
    public void add(List<Tick> more, List<byte[]> moreFrames, long now) {
        if (more.isEmpty()) {
            return;
        }
        if (isEmpty()) {
            since = now;
        }
        if (conflate) {
            for (int i = 0; i < more.size(); i++) {
                if (!more.get(i).mode().hasTradePrice()) {
                    continue;
                }
                long token = more.get(i).instrumentToken();
                int slot = (int) slotOf.get(token, -1);
                if (slot < 0) {
                    slot = newest.size();
                    slotOf.put(token, slot);
                    newest.add(moreFrames.get(i));
                    if (slot == slotTokens.length) {
                        slotTokens = java.util.Arrays.copyOf(slotTokens, slot * 2);
                    }
                    slotTokens[slot] = token;
                } else {
                    newest.set(slot, moreFrames.get(i));
                }
            }
        } else {
            ticks.addAll(more);
            frames.addAll(moreFrames);
        }
    }

    public void clear() {
        ticks.clear();
        frames.clear();
        newest.clear();
        slotOf.clear();
    }

    /** The newest frame per instrument of what is held and {@code more} (trade ticks only), without holding {@code more}. */
    public void forEachNewest(List<Tick> more, List<byte[]> moreFrames, BiConsumer<Long, byte[]> action) {
        Map<Long, byte[]> merged = new HashMap<>();
        for (int slot = 0; slot < newest.size(); slot++) {
            merged.put(slotTokens[slot], newest.get(slot));
        }
        for (int i = 0; i < more.size(); i++) {
            if (more.get(i).mode().hasTradePrice()) {
                merged.put(more.get(i).instrumentToken(), moreFrames.get(i));
            }
        }
        merged.forEach(action);
    }

    /** One frame per instrument of what is held and {@code more}, ticks in order, without holding {@code more}. */
    public void forEachGroup(List<Tick> more, List<byte[]> moreFrames, BiConsumer<Long, byte[]> action) {
        groups.clear();
        for (int i = 0; i < ticks.size(); i++) {
            group(ticks.get(i).instrumentToken(), frames.get(i));
        }
        for (int i = 0; i < more.size(); i++) {
            group(more.get(i).instrumentToken(), moreFrames.get(i));
        }
        groups.forEach((token, f) -> action.accept(token, TickCodec.join(f)));
        groups.clear();
    }

    private void group(long token, byte[] frame) {
        groups.computeIfAbsent(token, t -> new ArrayList<>()).add(frame);
    }
}
