/**
 * Many Kite WebSocket connections over several accounts behind one
 * {@link io.tickengine.core.source.TickSource}: {@link io.tickengine.kite.pool.KiteTickSourcePool}.
 */
package io.tickengine.kite.pool;
