/** Connection machinery of the Kite source: sockets, backoff, subscription bookkeeping. Not a public API. */
package io.tickengine.kite.ws.internal;
