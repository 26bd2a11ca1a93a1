/** Where ticks and candles go: the sink contracts and their overflow policies. */
package io.tickengine.core.sink;
