package io.tickengine.feed.ws.testing;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records everything a source delivers; thread-safe. */
public final class RecordingListener implements TickListener {
    private final List<Tick> ticks = new ArrayList<>();
    private final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<SourceMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void onTick(Tick tick) {
        ticks.add(tick);
    }

    @Override
    public void onStatus(SourceStatus status) {
        statuses.add(status);
    }

    @Override
    public void onMessage(SourceMessage message) {
        messages.add(message);
    }

    /** How many ticks arrived so far; a mark for {@link #ticksSince}. */
    public synchronized int tickCount() {
        return ticks.size();
    }

    /** Ticks that arrived after {@code mark}. */
    public synchronized List<Tick> ticksSince(int mark) {
        return new ArrayList<>(ticks.subList(mark, ticks.size()));
    }

    /** Whether a tick of {@code token} in {@code mode} arrived after {@code mark}. */
    public synchronized boolean has(int mark, long token, TickMode mode) {
        return count(mark, token, mode) > 0;
    }

    /** Ticks of {@code token} in {@code mode} (any mode when null) after {@code mark}. */
    public synchronized int count(int mark, long token, TickMode mode) {
        int n = 0;
        for (int i = mark; i < ticks.size(); i++) {
            Tick t = ticks.get(i);
            if (t.instrumentToken() == token && (mode == null || t.mode() == mode)) {
                n++;
            }
        }
        return n;
    }

    /** The last tick of {@code token}, or null. */
    public synchronized Tick last(long token) {
        for (int i = ticks.size() - 1; i >= 0; i--) {
            if (ticks.get(i).instrumentToken() == token) {
                return ticks.get(i);
            }
        }
        return null;
    }

    /** Every status received, in order. */
    public List<SourceStatus> statuses() {
        return statuses;
    }

    /** Whether a status with {@code state} was received. */
    public boolean saw(SourceState state) {
        return statuses.stream().anyMatch(s -> s.state() == state);
    }

    /** Every text message received, in order. */
    public List<SourceMessage> messages() {
        return messages;
    }

    /** Whether a message of {@code type} containing {@code text} arrived. */
    public boolean hasMessage(String type, String text) {
        return messages.stream().anyMatch(m -> m.type().equals(type) && m.payload().contains(text));
    }
}
