package io.tickengine.core.engine;

/** The failure state of one sink, as a circuit breaker. */
public enum CircuitState {
    /** Deliveries go through. */
    CLOSED,
    /** The sink failed repeatedly; deliveries pause for the cool-down (dropped, or held for NEVER_DROP). */
    OPEN,
    /** The cool-down is over; one trial batch decides between CLOSED and OPEN. */
    HALF_OPEN
}
