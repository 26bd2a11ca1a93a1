/** The simulator's server, sessions, market and streaming loop. Not a public API. */
package io.tickengine.angelone.sim.internal;
