/** Private machinery of the candle aggregator; not an API, it may change in any release. */
package io.tickengine.core.candle.internal;
