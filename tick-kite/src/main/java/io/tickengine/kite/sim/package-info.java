/**
 * {@link io.tickengine.kite.sim.KiteSimulator}, a local Kite server for demos and for tests of
 * anything that consumes a Kite feed.
 */
package io.tickengine.kite.sim;
