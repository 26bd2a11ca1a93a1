package io.tickengine.angelone.ws;

import io.tickengine.core.source.SourceState;

/**
 * A snapshot of an {@link AngelOneTickSource}'s counters, cumulative since it started.
 *
 * @param state where the source is
 * @param packets binary packets received
 * @param ticks ticks decoded and handed to the listener
 * @param pongs heartbeat answers received (text {@code pong} and control pongs)
 * @param textMessages text frames received, pongs included
 * @param errorMessages error answers (E1001, E1002, ...) received
 * @param parseErrors malformed packets (each is dropped; the connection goes on)
 * @param skippedPackets packets skipped for an unknown exchange type
 * @param listenerErrors exceptions thrown by the listener, caught and counted
 * @param connectAttempts connections attempted, the first one included
 * @param reconnects connections re-established after a loss
 * @param watchdogCloses connections closed because nothing arrived within the watchdog timeout
 * @param lastMessageMillis when the last message arrived, epoch milliseconds from the source's clock; 0 before any
 */
public record AngelOneStats(SourceState state, long packets, long ticks, long pongs, long textMessages,
                            long errorMessages, long parseErrors, long skippedPackets, long listenerErrors,
                            long connectAttempts, long reconnects, long watchdogCloses, long lastMessageMillis) {
}
