/**
 * The {@link io.tickengine.core.engine.TickEngine}: ingestion with validation, per-sink threads and
 * buffers, overflow policies, circuit breakers and stats. {@code internal} is not API.
 */
package io.tickengine.core.engine;
