/**
 * Tick and candle history in PostgreSQL 14+ with TimescaleDB features when available: {@link
 * io.tickengine.store.timescale.TimescaleStore} and its options. {@code internal} is not API.
 */
package io.tickengine.store.timescale;
