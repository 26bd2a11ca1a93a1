/** Machinery of the Kite simulator: the server, its sessions and the synthetic market. Not a public API. */
package io.tickengine.kite.sim.internal;
