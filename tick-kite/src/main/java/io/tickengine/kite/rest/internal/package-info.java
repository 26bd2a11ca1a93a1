/** Machinery of the REST clients: the HTTP call with Kite's headers and gzip, the rate limiter and the breaker. */
package io.tickengine.kite.rest.internal;
