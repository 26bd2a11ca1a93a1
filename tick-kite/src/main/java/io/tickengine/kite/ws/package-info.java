/**
 * The Kite WebSocket connection as a {@link io.tickengine.core.source.TickSource}:
 * {@link io.tickengine.kite.ws.KiteTickSource}, its options and its counters.
 */
package io.tickengine.kite.ws;
