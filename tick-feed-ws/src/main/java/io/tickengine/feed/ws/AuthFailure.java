package io.tickengine.feed.ws;

import java.util.Objects;

/**
 * A refused handshake that new credentials alone can fix: the connection stops in
 * {@link io.tickengine.core.source.SourceState#AUTH_FAILED} without retrying.
 *
 * @param detail the status detail users see
 * @param log the reason for the error log line
 */
public record AuthFailure(String detail, String log) {
    /** Checks both texts are present. */
    public AuthFailure {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(log, "log");
    }
}
