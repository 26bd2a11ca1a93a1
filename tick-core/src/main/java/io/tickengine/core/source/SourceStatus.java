package io.tickengine.core.source;

import java.util.Objects;

/**
 * A snapshot of a source's state.
 *
 * @param source the source's name
 * @param state where the source is
 * @param detail a human-readable reason for the state, never containing credentials; empty when none
 * @param sinceMillis when the source entered this state, epoch milliseconds UTC
 */
public record SourceStatus(String source, SourceState state, String detail, long sinceMillis) {
    public SourceStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }
}
