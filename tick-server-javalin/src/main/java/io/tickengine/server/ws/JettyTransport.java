package io.tickengine.server.ws;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

import java.nio.ByteBuffer;

/**
 * {@link Transport} over a Jetty WebSocket session, using its asynchronous sends only. Frames go to
 * Jetty's core session: a text frame's UTF-8 bytes are wrapped, not copied, so one encoding serves every
 * client; a frame with more to follow is only gathered in the connection's write buffer (Jetty's batch
 * mode) and the next frame without it flushes them all in one write.
 */
final class JettyTransport implements Transport {
    private final Session session;
    private final CoreSession core;

    JettyTransport(Session session) {
        this.session = session;
        if (!(session instanceof WebSocketSession jetty)) {
            throw new IllegalArgumentException("not a Jetty WebSocket session: " + session.getClass().getName());
        }
        this.core = jetty.getCoreSession();
    }

    @Override
    public void sendText(byte[] utf8, boolean more, Done done) {
        core.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8)), callback(done), more);
    }

    @Override
    public void sendBinary(ByteBuffer bytes, boolean more, Done done) {
        core.sendFrame(new Frame(OpCode.BINARY, bytes), callback(done), more);
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            session.close(code, reason);
        }
    }

    private static Callback callback(Done done) {
        return new Callback() {
            @Override
            public void succeeded() {
                done.completed(null);
            }

            @Override
            public void failed(Throwable x) {
                done.completed(x);
            }
        };
    }
}
