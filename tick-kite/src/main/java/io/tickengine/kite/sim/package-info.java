/**
 * {@link io.tickengine.kite.sim.KiteSimulator}, a local Kite server (WebSocket feed and REST quotes and
 * instruments) for demos and for tests of anything that consumes Kite.
 */
package io.tickengine.kite.sim;
