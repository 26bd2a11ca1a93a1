package io.tickengine.core.engine;

/** What the engine does with a tick that has a {@link TickIssue}. Either way the tick is counted. */
public enum BadTickPolicy {
    /** Pass it on to the sinks. */
    ACCEPT,
    /** Keep it from the sinks; counted in the engine's stats and logged (rate-limited). */
    REJECT
}
