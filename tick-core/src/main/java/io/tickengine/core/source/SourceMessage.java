package io.tickengine.core.source;

import java.util.Objects;

/**
 * A text message from a feed that is not a tick: an order postback, an error or an informational
 * message, delivered as the broker sent it.
 *
 * @param source the source's name
 * @param type the feed's message type, for example {@code order}, {@code error} or {@code message}
 * @param payload the message body as text (JSON for order postbacks)
 * @param receiveTimestamp when it arrived, epoch milliseconds UTC
 */
public record SourceMessage(String source, String type, String payload, long receiveTimestamp) {
    public SourceMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
