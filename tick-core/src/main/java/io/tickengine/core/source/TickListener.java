package io.tickengine.core.source;

import io.tickengine.core.Tick;
import java.util.List;

/**
 * Receives what a {@link TickSource} produces. The engine's implementation returns quickly and never
 * blocks, so a source may call it from its socket thread. Implementations must be thread-safe: a
 * source with several connections calls it from several threads.
 */
public interface TickListener {
    /** One tick. */
    void onTick(Tick tick);

    /**
     * Several ticks decoded from one frame, in order. The listener does not keep the list after it
     * returns, so a source may reuse it for the next frame.
     */
    default void onTicks(List<Tick> ticks) {
        for (int i = 0, n = ticks.size(); i < n; i++) {
            onTick(ticks.get(i));
        }
    }

    /** The source changed state. */
    default void onStatus(SourceStatus status) {
    }

    /** The feed sent a text message (order postback, error, notice). */
    default void onMessage(SourceMessage message) {
    }
}
