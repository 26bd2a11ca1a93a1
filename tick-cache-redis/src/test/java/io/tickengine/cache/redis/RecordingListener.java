package io.tickengine.cache.redis;

import io.tickengine.core.Tick;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a source delivers. */
final class RecordingListener implements TickListener {
    /** Ticks whose symbol is {@link #PROBE}: sent only to learn that a subscription is active. */
    static final String PROBE = "PROBE";
    final List<Tick> ticks = new CopyOnWriteArrayList<>();
    final List<Tick> probes = new CopyOnWriteArrayList<>();
    final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void onTick(Tick tick) {
        (PROBE.equals(tick.tradingSymbol()) ? probes : ticks).add(tick);
    }

    @Override
    public void onStatus(SourceStatus status) {
        statuses.add(status);
    }

    boolean saw(SourceState state) {
        return statuses.stream().anyMatch(s -> s.state() == state);
    }
}
