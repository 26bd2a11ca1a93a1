package io.tickengine.server.ws;

import org.eclipse.jetty.websocket.api.BatchMode;
import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;

import java.nio.ByteBuffer;

/**
 * {@link Transport} over a Jetty WebSocket session, using its asynchronous sends only. A frame with more
 * to follow is sent in Jetty's batch mode, which gathers it in the connection's write buffer; the
 * next frame without it flushes them all in one write.
 */
final class JettyTransport implements Transport {
    private final Session session;

    JettyTransport(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, boolean more, Done done) {
        remote(more).sendString(text, callback(done));
    }

    @Override
    public void sendBinary(ByteBuffer bytes, boolean more, Done done) {
        remote(more).sendBytes(bytes, callback(done));
    }

    private RemoteEndpoint remote(boolean more) {
        RemoteEndpoint r = session.getRemote();
        r.setBatchMode(more ? BatchMode.ON : BatchMode.OFF);
        return r;
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
