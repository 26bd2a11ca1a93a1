package io.tickengine.feed.ws;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server answered to the WebSocket handshake: the HTTP status (101 when it opened, 0 when no
 * response arrived) and the response headers, names in lower case (empty when the head was incomplete).
 *
 * @param status the HTTP status, or 0
 * @param headers the response headers by lower-case name
 */
public record HandshakeResponse(int status, Map<String, String> headers) {
    /** No response seen. */
    public static final HandshakeResponse NONE = new HandshakeResponse(0, Map.of());

    /** Fallback when the status line was not seen: Java-WebSocket's close message for a refused handshake. */
    private static final Pattern REFUSED = Pattern.compile("Invalid status code received: (\\d{3})");

    /** Keeps an unmodifiable copy of the headers. */
    public HandshakeResponse {
        headers = Map.copyOf(headers);
    }

    /** The value of header {@code name} (any case), or empty. */
    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    /**
     * The status, or when none was seen the one Java-WebSocket put in {@code closeReason} for a refused
     * handshake; 0 when neither says.
     */
    public int statusOr(String closeReason) {
        if (status == 0 && closeReason != null) {
            Matcher m = REFUSED.matcher(closeReason);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return status;
    }
}
