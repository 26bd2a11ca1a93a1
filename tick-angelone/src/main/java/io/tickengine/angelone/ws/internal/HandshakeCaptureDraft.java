package io.tickengine.angelone.ws.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.Handshakedata;

/**
 * RFC 6455 as usual, but it reports the HTTP status and the {@code x-error-message} header of the
 * server's handshake response before parsing it. Java-WebSocket reports a refused handshake only as a
 * close message without headers, and Angel One says why it refused in that header.
 */
final class HandshakeCaptureDraft extends Draft_6455 {
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?$");
    private static final String ERROR_HEADER = "x-error-message:";
    private static final int MAX_HEAD = 8192;

    private final BiConsumer<Integer, String> sink;

    HandshakeCaptureDraft(BiConsumer<Integer, String> sink) {
        this.sink = sink;
    }

    @Override
    public Handshakedata translateHandshake(ByteBuffer buf) throws InvalidHandshakeException {
        String head = head(buf);
        if (head != null) {
            String[] lines = head.split("\r?\n");
            Matcher m = STATUS_LINE.matcher(lines[0]);
            if (m.matches()) {
                String error = "";
                for (int i = 1; i < lines.length; i++) {
                    if (lines[i].toLowerCase(Locale.ROOT).startsWith(ERROR_HEADER)) {
                        error = lines[i].substring(ERROR_HEADER.length()).strip();
                    }
                }
                sink.accept(Integer.parseInt(m.group(1)), error);
            }
        }
        return super.translateHandshake(buf);
    }

    @Override
    public Draft copyInstance() {
        return new HandshakeCaptureDraft(sink);
    }

    /** The response head up to the blank line, when it is complete in the buffer; else null. */
    private static String head(ByteBuffer buf) {
        int start = buf.position();
        int end = Math.min(buf.limit(), start + MAX_HEAD);
        for (int i = start; i + 3 < end; i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n' && buf.get(i + 2) == '\r' && buf.get(i + 3) == '\n') {
                byte[] bytes = new byte[i - start];
                buf.get(start, bytes);
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }
}
