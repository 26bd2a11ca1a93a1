package io.tickengine.feed.ws.internal;

import io.tickengine.feed.ws.HandshakeResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One WebSocket connection attempt to a broker, forwarding every event to a {@link Handler}. A new socket
 * is made for every attempt. TLS uses the JDK's default trust store and Java-WebSocket's default host
 * name verification; nothing here weakens either. The library's own ping-based lost-connection check is
 * off because the loop's watchdog replaces it.
 */
public final class FeedSocket extends WebSocketClient {
    /** Receives a socket's events on the socket's threads; implementations must not throw or block. */
    public interface Handler {
        /** The handshake succeeded. */
        void opened(FeedSocket socket);

        /** A binary frame; the buffer is only valid during the call. */
        void binary(FeedSocket socket, ByteBuffer frame);

        /** A text frame. */
        void text(FeedSocket socket, String text);

        /** A control pong: a sign of life. */
        void pong(FeedSocket socket);

        /** The connection ended, or never opened; called once. */
        void closed(FeedSocket socket, int code, String reason, boolean remote);

        /** An error the library reported; a {@link #closed} call follows when it ends the connection. */
        void failed(FeedSocket socket, Exception error);
    }

    private final AtomicReference<HandshakeResponse> response;
    private final Handler handler;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private FeedSocket(URI uri, AtomicReference<HandshakeResponse> response, Map<String, String> headers,
                       int connectTimeoutMillis, Handler handler) {
        super(uri, new HandshakeCaptureDraft(response::set), headers, connectTimeoutMillis);
        this.response = response;
        this.handler = handler;
        setConnectionLostTimeout(0);
        setTcpNoDelay(true);
    }

    /** A socket for {@code uri} sending {@code headers} in its handshake; not connected yet. */
    public static FeedSocket create(URI uri, Map<String, String> headers, int connectTimeoutMillis, Handler handler) {
        return new FeedSocket(uri, new AtomicReference<>(HandshakeResponse.NONE), headers, connectTimeoutMillis,
                handler);
    }

    /** The server's handshake response as far as it was seen. */
    public HandshakeResponse handshake() {
        return response.get();
    }

    /** Closes at once without a close handshake: for dead peers that would never answer one. */
    public void abort(String reason) {
        closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    }

    /** Closes politely, and abruptly if the peer has not finished the close within {@code graceMillis}. */
    public void closeGracefully(long graceMillis) {
        close(CloseFrame.NORMAL, "client closing");
        try {
            if (!closedLatch.await(graceMillis, TimeUnit.MILLISECONDS)) {
                abort("close handshake timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted while closing");
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        handler.opened(this);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        handler.binary(this, bytes);
    }

    @Override
    public void onMessage(String message) {
        handler.text(this, message);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        handler.pong(this);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closedLatch.countDown();
        handler.closed(this, code, reason, remote);
    }

    @Override
    public void onError(Exception ex) {
        handler.failed(this, ex);
    }
}
