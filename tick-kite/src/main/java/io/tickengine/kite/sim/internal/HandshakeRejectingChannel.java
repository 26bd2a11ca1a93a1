package io.tickengine.kite.sim.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A socket channel that can replace Java-WebSocket's handshake error response. The library answers
 * every rejected handshake with "404 WebSocket Upgrade Failure"; Kite answers bad credentials with 403.
 * Once armed, the next write (the library's error response) goes out as the armed response instead,
 * and the server's side of the connection is shut down after it.
 */
final class HandshakeRejectingChannel implements ByteChannel {
    private final SocketChannel delegate;
    private volatile ByteBuffer replacement;
    private volatile boolean replaced;

    HandshakeRejectingChannel(SocketChannel delegate) {
        this.delegate = delegate;
    }

    /** Arms the channel to answer with this HTTP status instead of the library's. */
    void rejectWith(int status, String reasonPhrase, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reasonPhrase + "\r\n"
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
        if (replaced) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }
        int n = delegate.write(r);
        if (!r.hasRemaining()) {
            replaced = true;
            src.position(src.limit());
            // "Connection: close": the library would keep the socket open until the client hangs up.
            delegate.shutdownOutput();
        }
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
