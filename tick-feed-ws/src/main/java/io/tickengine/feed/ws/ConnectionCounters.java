package io.tickengine.feed.ws;

/** The counters the connection loop bumps; a feed's stats keep them beside its own. Any thread. */
public interface ConnectionCounters {
    /** Counts a connection attempt and returns the total. */
    long connectAttempt();

    /** Counts a connection re-established after a loss. */
    void reconnected();

    /** Counts a connection the watchdog closed. */
    void watchdogClosed();
}
