/**
 * Angel One's SmartAPI WebSocket 2.0 as a {@link io.tickengine.core.source.TickSource}
 * ({@link io.tickengine.angelone.ws.AngelOneTickSource}) with its options, limits and counters.
 */
package io.tickengine.angelone.ws;
