package io.tickengine.feed.ws.sim.internal;

import io.tickengine.feed.ws.sim.HandshakeRejection;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

/** Plain sockets, each wrapped so that a handshake can be refused with a chosen HTTP status and headers. */
public final class RejectingServerFactory implements WebSocketServerFactory {
    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
        return new WebSocketImpl(a, d);
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> drafts) {
        return new WebSocketImpl(a, drafts);
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
        return new HandshakeRejectingChannel(channel);
    }

    @Override
    public void close() {
    }

    /**
     * Arms a connection in handshake to be refused as {@code rejection} says.
     *
     * @return false when the connection's channel is not one of ours
     */
    public static boolean reject(WebSocket conn, HandshakeRejection rejection) {
        if (conn instanceof WebSocketImpl && ((WebSocketImpl) conn).getChannel() instanceof HandshakeRejectingChannel) {
            ((HandshakeRejectingChannel) ((WebSocketImpl) conn).getChannel()).rejectWith(rejection);
            return true;
        }
        return false;
    }
}
