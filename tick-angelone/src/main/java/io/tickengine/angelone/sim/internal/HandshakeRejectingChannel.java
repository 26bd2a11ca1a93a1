package io.tickengine.angelone.sim.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A socket channel that replaces Java-WebSocket's handshake error response ("404 WebSocket Upgrade
 * Failure") with an armed one: Angel One answers bad credentials with 401 and an {@code x-error-message}
 * header. The server's side is shut down after the armed response.
 */
final class HandshakeRejectingChannel implements ByteChannel {
    private final SocketChannel delegate;
    private volatile ByteBuffer replacement;
    private volatile boolean replaced;

    HandshakeRejectingChannel(SocketChannel delegate) {
        this.delegate = delegate;
    }

    /** Arms the channel to answer with this status and, when not null, this {@code x-error-message}. */
    void rejectWith(int status, String reasonPhrase, String errorMessage) {
        String body = errorMessage == null ? reasonPhrase : errorMessage;
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reasonPhrase + "\r\n"
                + (errorMessage == null ? "" : "x-error-message: " + errorMessage + "\r\n")
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "Connection: close\r\n\r\n";
        ByteBuffer b = ByteBuffer.allocate(head.length() + content.length);
        b.put(head.getBytes(StandardCharsets.US_ASCII)).put(content).flip();
        replacement = b;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ByteBuffer r = replacement;
        if (r == null) {
            return delegate.write(src);
        }
        int n = src.remaining();
        if (!replaced) {
            delegate.write(r);
            if (r.hasRemaining()) {
                return 0;
            }
            replaced = true;
            delegate.shutdownOutput();
        }
        src.position(src.limit());
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
