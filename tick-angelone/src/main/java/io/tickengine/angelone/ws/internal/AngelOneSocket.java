package io.tickengine.angelone.ws.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One WebSocket connection attempt to Angel One, forwarding every event to a {@link Handler}. TLS uses
 * the JDK's default trust store and Java-WebSocket's default host name verification; nothing here
 * weakens either. The library's own lost-connection check is off: the source's watchdog replaces it.
 */
public final class AngelOneSocket extends WebSocketClient {
    /** Receives a socket's events on the socket's threads; implementations must not throw or block. */
    public interface Handler {
        /** The handshake succeeded. */
        void opened(AngelOneSocket socket);

        /** A binary frame; the buffer is only valid during the call. */
        void binary(AngelOneSocket socket, ByteBuffer frame);

        /** A text frame. */
        void text(AngelOneSocket socket, String text);

        /** A control pong: a sign of life. */
        void pong(AngelOneSocket socket);

        /** The connection ended, or never opened; called once. */
        void closed(AngelOneSocket socket, int code, String reason);
    }

    private final AtomicInteger status;
    private final AtomicReference<String> errorMessage;
    private final Handler handler;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private AngelOneSocket(URI uri, AtomicInteger status, AtomicReference<String> errorMessage,
                           Map<String, String> headers, int connectTimeoutMillis, Handler handler) {
        super(uri, new HandshakeCaptureDraft((s, e) -> {
            status.set(s);
            errorMessage.set(e);
        }), headers, connectTimeoutMillis);
        this.status = status;
        this.errorMessage = errorMessage;
        this.handler = handler;
        setConnectionLostTimeout(0);
        setTcpNoDelay(true);
    }

    /** A socket for {@code uri} sending {@code headers} in its handshake; not connected yet. */
    public static AngelOneSocket create(URI uri, Map<String, String> headers, int connectTimeoutMillis, Handler handler) {
        return new AngelOneSocket(uri, new AtomicInteger(), new AtomicReference<>(""), headers, connectTimeoutMillis, handler);
    }

    /** The HTTP status of the handshake response: 101 when it opened, 401 when refused, 0 when none arrived. */
    public int handshakeStatus() {
        return status.get();
    }

    /** The {@code x-error-message} of a refused handshake, or empty. */
    public String handshakeError() {
        return errorMessage.get();
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
        handler.closed(this, code, reason);
    }

    @Override
    public void onError(Exception ex) {
        // A close follows every error that ends the connection; the reason reaches the loop there.
    }
}
