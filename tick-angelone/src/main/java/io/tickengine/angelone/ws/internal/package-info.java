/** Connection machinery of the Angel One source: sockets, backoff, subscription bookkeeping. Not a public API. */
package io.tickengine.angelone.ws.internal;
