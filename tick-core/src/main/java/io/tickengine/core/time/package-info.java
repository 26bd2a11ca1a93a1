/** Injected time ({@link io.tickengine.core.time.Clock}) and Indian market time arithmetic. */
package io.tickengine.core.time;
