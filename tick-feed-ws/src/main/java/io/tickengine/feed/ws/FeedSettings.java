package io.tickengine.feed.ws;

import io.tickengine.core.source.ReconnectPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings the shared connection loop reads from a feed's options.
 *
 * @param name the source's name, for thread names and log lines
 * @param url the server's address as configured, without credentials, for statuses and logs
 * @param watchdogTimeout silence after which the connection is closed and retried; also the connect timeout
 * @param reconnectPolicy how reconnects back off and when they give up
 */
public record FeedSettings(String name, URI url, Duration watchdogTimeout, ReconnectPolicy reconnectPolicy) {
    /** Checks every part is present. */
    public FeedSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(watchdogTimeout, "watchdogTimeout");
        Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
    }
}
