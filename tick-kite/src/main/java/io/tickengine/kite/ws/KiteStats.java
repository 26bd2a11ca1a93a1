package io.tickengine.kite.ws;

import io.tickengine.core.source.SourceState;

/**
 * A snapshot of a {@link KiteTickSource}'s counters, cumulative since it started.
 *
 * @param state where the source is
 * @param frames binary frames received, heartbeats included
 * @param ticks ticks decoded and handed to the listener
 * @param heartbeats heartbeat frames received
 * @param textMessages text frames received
 * @param parseErrors frames that were malformed (a binary frame's good ticks are still delivered)
 * @param skippedPackets packets skipped for an unknown length or segment
 * @param listenerErrors exceptions thrown by the listener, caught and counted
 * @param connectAttempts connections attempted, the first one included
 * @param reconnects connections re-established after a loss
 * @param watchdogCloses connections closed because nothing arrived within the watchdog timeout
 * @param lastFrameMillis when the last frame arrived, epoch milliseconds from the source's clock; 0 before any
 */
public record KiteStats(SourceState state, long frames, long ticks, long heartbeats, long textMessages,
                        long parseErrors, long skippedPackets, long listenerErrors, long connectAttempts,
                        long reconnects, long watchdogCloses, long lastFrameMillis) {
    /** Counters of no connection, to sum from. */
    public static final KiteStats NONE = new KiteStats(SourceState.STOPPED, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** These counters plus another connection's; the state stays this one's, the last frame is the later. */
    public KiteStats plus(KiteStats o) {
        return new KiteStats(state, frames + o.frames, ticks + o.ticks, heartbeats + o.heartbeats,
                textMessages + o.textMessages, parseErrors + o.parseErrors, skippedPackets + o.skippedPackets,
                listenerErrors + o.listenerErrors, connectAttempts + o.connectAttempts, reconnects + o.reconnects,
                watchdogCloses + o.watchdogCloses, Math.max(lastFrameMillis, o.lastFrameMillis));
    }
}
