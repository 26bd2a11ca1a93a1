/**
 * The compact binary tick encoding, {@link io.tickengine.core.codec.TickCodec}: exact, every field of a
 * tick in a few bytes, for caches and buffers that keep many ticks.
 */
package io.tickengine.core.codec;
