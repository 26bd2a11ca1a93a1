package io.tickengine.feed.ws;

import io.tickengine.core.Tick;
import io.tickengine.core.source.SourceMessage;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The listener a pool gives each of its connections: ticks and messages go straight to the pool's
 * listener, while each connection's status goes to the pool, which derives its own from them.
 */
public final class StatusForwarder implements TickListener {
    private final Supplier<TickListener> target;
    private final Consumer<SourceStatus> onStatus;

    private StatusForwarder(Supplier<TickListener> target, Consumer<SourceStatus> onStatus) {
        this.target = target;
        this.onStatus = onStatus;
    }

    /** Forwards to the listener {@code target} returns at each call, and statuses to {@code onStatus}. */
    public static TickListener of(Supplier<TickListener> target, Consumer<SourceStatus> onStatus) {
        return new StatusForwarder(Objects.requireNonNull(target, "target"), Objects.requireNonNull(onStatus, "onStatus"));
    }

    @Override
    public void onTick(Tick tick) {
        target.get().onTick(tick);
    }

    @Override
    public void onTicks(List<Tick> ticks) {
        target.get().onTicks(ticks);
    }

    @Override
    public void onMessage(SourceMessage message) {
        target.get().onMessage(message);
    }

    @Override
    public void onStatus(SourceStatus status) {
        onStatus.accept(status);
    }
}
