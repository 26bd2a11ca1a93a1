/**
 * The Kite market data wire format: binary frames to {@link io.tickengine.core.Tick}s
 * ({@link io.tickengine.kite.parse.KiteFrameParser}) or, without allocating, to the
 * {@link io.tickengine.kite.parse.KitePacketView} flyweight; back to frames
 * ({@link io.tickengine.kite.parse.KitePacketEncoder}); and the JSON control and text messages.
 */
package io.tickengine.kite.parse;
