/**
 * {@link io.tickengine.angelone.pool.AngelOneTickSourcePool}: one client code's up to three Angel One
 * connections as a single {@link io.tickengine.core.source.TickSource}.
 */
package io.tickengine.angelone.pool;
