package io.tickengine.cache.redis;

import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import java.util.Collection;

/** A source the test feeds by hand, standing in for the broker connection. */
final class FeedSource implements TickSource {
    private volatile TickListener listener;

    @Override
    public String name() {
        return "feed";
    }

    @Override
    public void start(TickListener listener) {
        this.listener = listener;
        listener.onStatus(status());
    }

    void emit(Tick tick) {
        listener.onTick(tick);
    }

    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
    }

    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
    }

    @Override
    public SourceStatus status() {
        return new SourceStatus("feed", SourceState.CONNECTED, "", System.currentTimeMillis());
    }

    @Override
    public void close() {
    }
}
