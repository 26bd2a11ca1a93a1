package io.tickengine.feed.ws.sim;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of a simulator as the shared server sees it: the socket, the key it
 * authenticated with (api key, client code), whether it was stalled on purpose, and when it was last
 * sent something. A feed's own session keeps its subscriptions beside it.
 */
public final class SimLink {
    private static final Logger LOG = LoggerFactory.getLogger(SimLink.class);

    private final WebSocket connection;
    private final String key;
    private volatile boolean stalled;
    private volatile long lastSentNanos = System.nanoTime();

    SimLink(WebSocket connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    /** The client connection. */
    public WebSocket connection() {
        return connection;
    }

    /** The key the connection authenticated with; the per-key connection limit counts it. */
    public String key() {
        return key;
    }

    /** Whether this connection has gone silent on purpose. */
    public boolean stalled() {
        return stalled;
    }

    /** Makes this connection silent while its socket stays open. */
    public void stall() {
        stalled = true;
    }

    /** When a frame last went out through {@link #send(ByteBuffer)}, {@code System.nanoTime()}. */
    public long lastSentNanos() {
        return lastSentNanos;
    }

    /** Sends a binary frame, ignoring a connection that has just closed. */
    public void send(ByteBuffer frame) {
        try {
            connection.send(frame);
            lastSentNanos = System.nanoTime();
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("Simulator: connection closed before a frame went out");
        }
    }

    /** Sends a text frame, ignoring a connection that has just closed. */
    public static void send(WebSocket conn, String text) {
        try {
            conn.send(text);
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("Simulator: connection closed before a text frame went out");
        }
    }

    /** Closes at once, without a close handshake, like a network failure. */
    public void drop(String reason) {
        connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    }
}
