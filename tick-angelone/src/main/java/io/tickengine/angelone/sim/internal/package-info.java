/** The Angel One side of the simulator: protocol, sessions, market and streaming round. Not a public API. */
package io.tickengine.angelone.sim.internal;
