package io.tickengine.kite.pool;

import io.tickengine.core.source.SourceStatus;
import io.tickengine.kite.ws.KiteStats;

/**
 * One connection of a {@link KiteTickSourcePool}.
 *
 * @param account the id of the account it streams through
 * @param name the connection's source name, for example {@code kite-pool:primary#2}
 * @param instruments instruments assigned to it
 * @param status its state
 * @param stats its counters
 */
public record KiteConnectionStatus(String account, String name, int instruments, SourceStatus status, KiteStats stats) {
}
