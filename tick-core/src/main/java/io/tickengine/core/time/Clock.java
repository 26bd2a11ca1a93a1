package io.tickengine.core.time;

/**
 * The time source of everything in tickengine, injected so that tests control it. Times are epoch
 * milliseconds in UTC.
 */
@FunctionalInterface
public interface Clock {
    /** Current time, epoch milliseconds UTC. */
    long millis();

    /** The system clock. */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
