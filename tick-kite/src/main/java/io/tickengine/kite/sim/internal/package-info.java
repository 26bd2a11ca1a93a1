/** The Kite side of the simulator: protocol, sessions, synthetic market and REST server. Not a public API. */
package io.tickengine.kite.sim.internal;
