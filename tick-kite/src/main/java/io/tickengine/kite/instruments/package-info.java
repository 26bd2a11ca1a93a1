/**
 * Kite's instruments master: {@link io.tickengine.kite.instruments.KiteInstrumentCsv} reads the CSV dump,
 * {@link io.tickengine.kite.instruments.KiteInstrumentLoader} fetches it from the REST API, a file or the
 * classpath into the core {@link io.tickengine.core.instrument.InstrumentRegistry}.
 */
package io.tickengine.kite.instruments;
