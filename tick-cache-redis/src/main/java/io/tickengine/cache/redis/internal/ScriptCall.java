package io.tickengine.cache.redis.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the KEYS and ARGV of one {@link TickScript} call: history keys and entries first, then
 * latest-tick keys and values, then publishes. Reused by one thread.
 */
public final class ScriptCall {
    private final List<byte[]> historyKeys = new ArrayList<>();
    private final List<byte[]> latestKeys = new ArrayList<>();
    private final List<byte[]> expire = new ArrayList<>();
    private final List<List<byte[]>> groups = new ArrayList<>();
    private final List<byte[]> latestValues = new ArrayList<>();
    private final List<byte[]> publishes = new ArrayList<>();
    private int entryCount;

    public void reset() {
        for (int i = 0; i < historyKeys.size(); i++) {
            groups.get(i).clear();
        }
        historyKeys.clear();
        latestKeys.clear();
        expire.clear();
        latestValues.clear();
        publishes.clear();
        entryCount = 0;
    }

    /** Adds a history key and returns its 1-based index. */
    public int historyKey(byte[] key) {
        historyKeys.add(key);
        if (groups.size() < historyKeys.size()) {
            groups.add(new ArrayList<>());
        }
        return historyKeys.size();
    }

    /** Asks for EXPIRE NX on the history key with that index. */
    public void expire(int index) {
        expire.add(TickScript.number(index));
    }

    /** A history entry of the key with that index; {@code id} is ignored in the List layout. */
    public void entry(int index, byte[] id, byte[] value) {
        List<byte[]> group = groups.get(index - 1);
        group.add(id);
        group.add(value);
        entryCount++;
    }

    public void latest(byte[] key, byte[] value) {
        latestKeys.add(key);
        latestValues.add(value);
    }

    public void publish(byte[] channel, byte[] frame) {
        publishes.add(channel);
        publishes.add(frame);
    }

    /** Whether the call would do nothing. */
    public boolean isEmpty() {
        return entryCount == 0 && latestKeys.isEmpty() && publishes.isEmpty();
    }

    public byte[][] keys() {
        byte[][] out = new byte[historyKeys.size() + latestKeys.size()][];
        int i = 0;
        for (byte[] k : historyKeys) {
            out[i++] = k;
        }
        for (byte[] k : latestKeys) {
            out[i++] = k;
        }
        return out;
    }

    /** ARGV as {@link TickScript} documents it. */
    public byte[][] args(byte[] historyTtlSeconds, byte[] latestTtlMillis, boolean list) {
        int h = historyKeys.size();
        byte[][] out = new byte[7 + expire.size() + 2 * h + 2 * entryCount + latestValues.size() + publishes.size()][];
        int i = 0;
        out[i++] = TickScript.number(h);
        out[i++] = historyTtlSeconds;
        out[i++] = latestTtlMillis;
        out[i++] = TickScript.number(h);
        out[i++] = list ? LIST : STREAM;
        out[i++] = TickScript.number(expire.size());
        for (byte[] b : expire) {
            out[i++] = b;
        }
        for (int k = 0; k < h; k++) {
            List<byte[]> group = groups.get(k);
            out[i++] = TickScript.number(k + 1);
            out[i++] = TickScript.number(group.size() / 2);
            for (byte[] b : group) {
                out[i++] = b;
            }
        }
        for (byte[] b : latestValues) {
            out[i++] = b;
        }
        out[i++] = TickScript.number(publishes.size() / 2);
        for (byte[] b : publishes) {
            out[i++] = b;
        }
        return out;
    }

    private static final byte[] STREAM = {'s'};
    private static final byte[] LIST = {'l'};
}
