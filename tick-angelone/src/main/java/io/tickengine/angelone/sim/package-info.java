/**
 * {@link io.tickengine.angelone.sim.AngelOneSimulator}: a local server speaking Angel One's WebSocket 2.0
 * protocol over a synthetic market, with fault injection, for tests and demos.
 */
package io.tickengine.angelone.sim;
