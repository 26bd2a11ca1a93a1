package io.tickengine.kite.ws.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One WebSocket connection attempt to Kite, forwarding every event to a {@link Handler}. A new socket is
 * made for every attempt; the library's own ping-based lost-connection check is off because the
 * source's watchdog, which counts data frames only, replaces it.
 */
public final class KiteSocket extends WebSocketClient {
    /** Fallback when the status line was not seen: Java-WebSocket's close message for a refused handshake. */
    private static final Pattern REFUSED = Pattern.compile("Invalid status code received: (\\d{3})");

    /** Receives a socket's events on the socket's threads; implementations must not throw or block. */
    public interface Handler {
        /** The handshake succeeded. */
        void opened(KiteSocket socket);

        /** A binary frame; the buffer is only valid during the call. */
        void binary(KiteSocket socket, ByteBuffer frame);

        /** A text frame. */
        void text(KiteSocket socket, String text);

        /** The connection ended, or never opened; called once. */
        void closed(KiteSocket socket, int code, String reason, boolean remote);

        /** An error the library reported; a {@link #closed} call follows when it ends the connection. */
        void failed(KiteSocket socket, Exception error);
    }

    private final AtomicInteger handshakeStatus;
    private final Handler handler;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private KiteSocket(URI uri, AtomicInteger status, Map<String, String> headers, int connectTimeoutMillis,
                       Handler handler) {
        super(uri, new HandshakeStatusDraft(status::set), headers, connectTimeoutMillis);
        this.handshakeStatus = status;
        this.handler = handler;
        setConnectionLostTimeout(0);
        setTcpNoDelay(true);
    }

    /** A socket for {@code uri} (credentials in its query) that has not connected yet. */
    public static KiteSocket create(URI uri, Map<String, String> headers, int connectTimeoutMillis, Handler handler) {
        return new KiteSocket(uri, new AtomicInteger(), headers, connectTimeoutMillis, handler);
    }

    /**
     * The HTTP status of the server's handshake response: 101 when it opened, 403 when the credentials
     * were refused, 0 when no response arrived.
     */
    public int handshakeStatus(String closeReason) {
        int status = handshakeStatus.get();
        if (status == 0 && closeReason != null) {
            Matcher m = REFUSED.matcher(closeReason);
            if (m.find()) {
                status = Integer.parseInt(m.group(1));
            }
        }
        return status;
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
    public void onClose(int code, String reason, boolean remote) {
        closedLatch.countDown();
        handler.closed(this, code, reason, remote);
    }

    @Override
    public void onError(Exception ex) {
        handler.failed(this, ex);
    }
}
