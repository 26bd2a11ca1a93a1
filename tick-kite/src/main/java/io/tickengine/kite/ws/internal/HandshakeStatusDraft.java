package io.tickengine.kite.ws.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.Handshakedata;

/**
 * RFC 6455 as usual, but it reports the HTTP status of the server's handshake response before parsing
 * it. Java-WebSocket only reports a refused handshake as a close message; reading the status line is
 * the dependable way to tell a 403 (bad credentials) from other failures.
 */
final class HandshakeStatusDraft extends Draft_6455 {
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?$");
    private static final int MAX_LINE = 512;

    private final IntConsumer statusSink;

    HandshakeStatusDraft(IntConsumer statusSink) {
        this.statusSink = statusSink;
    }

    @Override
    public Handshakedata translateHandshake(ByteBuffer buf) throws InvalidHandshakeException {
        int status = statusOf(buf);
        if (status > 0) {
            statusSink.accept(status);
        }
        return super.translateHandshake(buf);
    }

    @Override
    public Draft copyInstance() {
        return new HandshakeStatusDraft(statusSink);
    }

    /** The status code of a complete HTTP status line at the buffer's position, or 0. */
    static int statusOf(ByteBuffer buf) {
        int start = buf.position();
        int end = Math.min(buf.limit(), start + MAX_LINE);
        for (int i = start; i < end; i++) {
            if (buf.get(i) == '\n') {
                int len = i - start - (i > start && buf.get(i - 1) == '\r' ? 1 : 0);
                byte[] line = new byte[len];
                buf.get(start, line);
                Matcher m = STATUS_LINE.matcher(new String(line, StandardCharsets.US_ASCII));
                return m.matches() ? Integer.parseInt(m.group(1)) : 0;
            }
        }
        return 0;
    }
}
