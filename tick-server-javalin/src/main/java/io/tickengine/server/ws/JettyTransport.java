package io.tickengine.server.ws;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;

import java.nio.ByteBuffer;

/** {@link Transport} over a Jetty WebSocket session, using its asynchronous sends only. */
final class JettyTransport implements Transport {
    private final Session session;

    JettyTransport(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, Done done) {
        session.getRemote().sendString(text, callback(done));
    }

    @Override
    public void sendBinary(ByteBuffer bytes, Done done) {
        session.getRemote().sendBytes(bytes, callback(done));
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            session.close(code, reason);
        }
    }

    private static WriteCallback callback(Done done) {
        return new WriteCallback() {
            @Override
            public void writeFailed(Throwable x) {
                done.completed(x);
            }

            @Override
            public void writeSuccess() {
                done.completed(null);
            }
        };
    }
}
