/** Private machinery of the feed connection: the control loop, the socket and the handshake draft. */
package io.tickengine.feed.ws.internal;
