package io.tickengine.feed.ws.sim;

import java.util.Map;
import java.util.Objects;

/**
 * How the simulator refuses a handshake: the HTTP status and reason phrase of the response, its plain-text
 * body, and extra headers (Angel One's {@code x-error-message}, for example) written before the standard ones.
 *
 * @param status the HTTP status, for example 401, 403, 429 or 503
 * @param reasonPhrase the status line's reason phrase
 * @param body the response body
 * @param headers extra response headers, in order
 * @param reason the close reason the server side reports
 */
public record HandshakeRejection(int status, String reasonPhrase, String body, Map<String, String> headers,
                                 String reason) {
    /** Checks the parts and keeps an unmodifiable copy of the headers. */
    public HandshakeRejection {
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(reason, "reason");
        headers = Map.copyOf(headers);
    }

    /** A refusal without extra headers; {@code reason} is what the server side reports. */
    public static HandshakeRejection of(int status, String reasonPhrase, String body, String reason) {
        return new HandshakeRejection(status, reasonPhrase, body, Map.of(), reason);
    }
}
