package io.tickengine.server.ws;

import java.nio.ByteBuffer;

/** The non-blocking side of one WebSocket: sends complete through the callback, never by waiting. */
public interface Transport {
    /** What a send reports when it finishes; called on any thread, possibly inside the send call. */
    interface Done {
        void completed(Throwable failure);
    }

    void sendText(String text, Done done);

    void sendBinary(ByteBuffer bytes, Done done);

    /** Starts the close handshake; idempotent. */
    void close(int code, String reason);
}
