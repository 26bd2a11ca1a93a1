package io.tickengine.feed.ws.sim.internal;

import io.tickengine.feed.ws.sim.HandshakeRejection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A socket channel that can replace Java-WebSocket's handshake error response. The library answers
 * every rejected handshake with "404 WebSocket Upgrade Failure"; brokers answer bad credentials with 401
 * or 403 and sometimes a header that says why. Once armed, the next write (the library's error response)
 * goes out as the armed response instead, and the server's side of the connection is shut down after it.
 */
final class HandshakeRejectingChannel implements ByteChannel {
    private final SocketChannel delegate;
    private volatile ByteBuffer replacement;
    private volatile boolean replaced;

    HandshakeRejectingChannel(SocketChannel delegate) {
        this.delegate = delegate;
    }

    /** Arms the channel to answer with {@code rejection} instead of the library's response. */
    void rejectWith(HandshakeRejection rejection) {
        byte[] content = rejection.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(rejection.status()).append(' ').append(rejection.reasonPhrase()).append("\r\n");
        for (Map.Entry<String, String> h : rejection.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n")
                .append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(headBytes.length + content.length);
        b.put(headBytes).put(content).flip();
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
