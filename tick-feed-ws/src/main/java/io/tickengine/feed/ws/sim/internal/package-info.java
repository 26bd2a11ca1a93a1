/** Private machinery of the simulator server: the channel wrapper that answers refused handshakes. */
package io.tickengine.feed.ws.sim.internal;
