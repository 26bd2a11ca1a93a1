package io.tickengine.angelone.sim.internal;

import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

/** Plain sockets, each wrapped so that a handshake can be refused with a chosen status and header. */
final class RejectingServerFactory implements WebSocketServerFactory {
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

    /** Arms a connection in handshake to be refused; false when its channel is not one of ours. */
    static boolean reject(WebSocket conn, int status, String reasonPhrase, String errorMessage) {
        if (conn instanceof WebSocketImpl && ((WebSocketImpl) conn).getChannel() instanceof HandshakeRejectingChannel) {
            ((HandshakeRejectingChannel) ((WebSocketImpl) conn).getChannel()).rejectWith(status, reasonPhrase, errorMessage);
            return true;
        }
        return false;
    }
}
