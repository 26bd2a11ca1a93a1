/** The Angel One side of the shared feed connection: protocol adapter, frame delivery, counters, subscription bookkeeping. Not a public API. */
package io.tickengine.angelone.ws.internal;
