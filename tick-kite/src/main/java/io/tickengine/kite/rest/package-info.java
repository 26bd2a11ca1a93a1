/**
 * Kite's REST API: {@link io.tickengine.kite.rest.KiteQuotePoller}, a {@link io.tickengine.core.source.TickSource}
 * that polls quotes within the rate limit, its options and counters, the shared
 * {@link io.tickengine.kite.rest.KiteRateLimiter}, and the exceptions of REST calls.
 */
package io.tickengine.kite.rest;
