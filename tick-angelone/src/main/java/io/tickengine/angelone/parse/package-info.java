/**
 * The Angel One SmartAPI WebSocket 2.0 wire format: little-endian binary packets to
 * {@link io.tickengine.core.Tick}s ({@link io.tickengine.angelone.parse.AngelOnePacketParser}) or, without
 * allocating, to the {@link io.tickengine.angelone.parse.AngelOnePacketView} flyweight; back to packets
 * ({@link io.tickengine.angelone.parse.AngelOnePacketEncoder}); and the JSON requests and text frames.
 */
package io.tickengine.angelone.parse;
