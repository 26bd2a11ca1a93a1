package io.tickengine.core.source;

/** Where a {@link TickSource} is in its life. */
public enum SourceState {
    /** Created, not started. */
    NEW,
    /** Opening its first connection. */
    CONNECTING,
    /** Connected and delivering ticks. */
    CONNECTED,
    /** Lost its connection and is waiting to retry. */
    RECONNECTING,
    /** The broker rejected the credentials; it will not retry until restarted with new ones. */
    AUTH_FAILED,
    /** Gave up after its retry budget; needs a restart. */
    FAILED,
    /** Stopped on request. */
    STOPPED;

    /** Whether the source will not deliver ticks again without a restart. */
    public boolean isTerminal() {
        return this == AUTH_FAILED || this == FAILED || this == STOPPED;
    }
}
