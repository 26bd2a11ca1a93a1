/**
 * The broker-neutral market data model: {@link io.tickengine.core.Tick}, its depth and exact
 * fixed-point prices. Sources, sinks, the engine, candles and instruments live in sub-packages.
 */
package io.tickengine.core;
