/**
 * The query contract every tick and candle store implements (PostgreSQL/TimescaleDB, SQLite), so the
 * server and users query history the same way whatever stores it.
 */
package io.tickengine.core.store;
