package io.tickengine.kite.ws.internal;

import io.tickengine.feed.ws.internal.HandshakeCaptureDraft;
import java.nio.ByteBuffer;

/**
 * Reads the status of Kite's handshake response; the draft that captures it on every connection is the
 * shared {@link HandshakeCaptureDraft}. Kept for Kite's own tests of the status line.
 */
final class HandshakeStatusDraft {
    private HandshakeStatusDraft() {
    }

    /** The status code of a complete HTTP status line at the buffer's position, or 0. */
    static int statusOf(ByteBuffer buf) {
        return HandshakeCaptureDraft.statusOf(buf);
    }
}
