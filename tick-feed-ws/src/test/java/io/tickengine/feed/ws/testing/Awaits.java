package io.tickengine.feed.ws.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Awaitility, polled every few milliseconds so that loopback tests finish as soon as their condition holds. */
public final class Awaits {
    /** The longest any condition is awaited unless a test says otherwise. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(5);

    private Awaits() {
    }

    /** An Awaitility condition named {@code what} (the name appears in the failure), polled every 5 ms. */
    public static ConditionFactory await(String what) {
        return Awaitility.await(what).pollDelay(Duration.ZERO).pollInterval(POLL).atMost(TIMEOUT);
    }
}
