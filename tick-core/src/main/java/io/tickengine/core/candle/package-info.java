/** Candles (OHLC per bucket) and the aggregator that builds them from ticks. */
package io.tickengine.core.candle;
