package io.tickengine.server.ws;

import java.nio.ByteBuffer;

/** The non-blocking side of one WebSocket: sends complete through the callback, never by waiting. */
public interface Transport {
    /** What a send reports when it finishes; called on any thread, possibly inside the send call. */
    interface Done {
        void completed(Throwable failure);
    }

    /**
     * Sends a text frame given as UTF-8 bytes, which the transport only reads, so one array may go to
     * many clients. {@code more} says that another frame follows at once, so the transport may hold this
     * one back and write both together; a frame with {@code more} false is written without waiting.
     */
    void sendText(byte[] utf8, boolean more, Done done);

    /** Sends a binary frame; {@code more} as for {@link #sendText}. */
    void sendBinary(ByteBuffer bytes, boolean more, Done done);

    /** Starts the close handshake; idempotent. */
    void close(int code, String reason);
}
