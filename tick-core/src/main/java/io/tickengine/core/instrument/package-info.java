/**
 * Instruments: the broker-neutral {@link io.tickengine.core.instrument.Instrument} row, its
 * classification, and the {@link io.tickengine.core.instrument.InstrumentRegistry} that answers
 * lookups by token, symbol and prefix and maps each broker's tokens onto instrument tokens.
 */
package io.tickengine.core.instrument;
