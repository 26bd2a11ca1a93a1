package io.tickengine.feed.ws.internal;

import io.tickengine.feed.ws.HandshakeResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.Handshakedata;

/**
 * RFC 6455 as usual, but it reports the HTTP status and headers of the server's handshake response before
 * parsing it. Java-WebSocket reports a refused handshake only as a close message without headers; reading
 * the response is the dependable way to tell bad credentials (401, 403) from other failures, and to read
 * the header in which a broker says why it refused.
 */
public final class HandshakeCaptureDraft extends Draft_6455 {
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?$");
    private static final int MAX_LINE = 512;
    private static final int MAX_HEAD = 8192;

    private final Consumer<HandshakeResponse> sink;

    /** A draft reporting every handshake response it reads to {@code sink}. */
    public HandshakeCaptureDraft(Consumer<HandshakeResponse> sink) {
        this.sink = sink;
    }

    @Override
    public Handshakedata translateHandshake(ByteBuffer buf) throws InvalidHandshakeException {
        int status = statusOf(buf);
        if (status > 0) {
            sink.accept(new HandshakeResponse(status, headersOf(buf)));
        }
        return super.translateHandshake(buf);
    }

    @Override
    public Draft copyInstance() {
        return new HandshakeCaptureDraft(sink);
    }

    /** The status code of a complete HTTP status line at the buffer's position, or 0; the buffer is not moved. */
    public static int statusOf(ByteBuffer buf) {
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

    /** The headers of a response head complete in the buffer, by lower-case name; else empty. */
    static Map<String, String> headersOf(ByteBuffer buf) {
        int start = buf.position();
        int end = Math.min(buf.limit(), start + MAX_HEAD);
        for (int i = start; i + 3 < end; i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n' && buf.get(i + 2) == '\r' && buf.get(i + 3) == '\n') {
                byte[] bytes = new byte[i - start];
                buf.get(start, bytes);
                String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n");
                Map<String, String> headers = new HashMap<>();
                for (int l = 1; l < lines.length; l++) {
                    int colon = lines[l].indexOf(':');
                    if (colon > 0) {
                        headers.put(lines[l].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                                lines[l].substring(colon + 1).strip());
                    }
                }
                return headers;
            }
        }
        return Map.of();
    }
}
