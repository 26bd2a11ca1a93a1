package io.tickengine.feed.ws;

import java.nio.ByteBuffer;

/**
 * Decodes one connection's frames and hands them to the listener, on the socket's read thread. One per
 * connection attempt, so a parser's state never crosses connections; implementations must not throw.
 */
public interface FrameHandler {
    /** A binary frame; the buffer is only valid during the call. */
    void binary(ByteBuffer frame);

    /** A text frame. */
    void text(String text);

    /** A control pong; a sign of life the loop has already noted. */
    default void pong() {
    }
}
