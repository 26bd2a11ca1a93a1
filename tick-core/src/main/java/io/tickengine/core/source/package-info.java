/**
 * Where ticks come from: the {@link io.tickengine.core.source.TickSource} contract, its listener and
 * status, and the reconnect policy shared by every network source.
 */
package io.tickengine.core.source;
