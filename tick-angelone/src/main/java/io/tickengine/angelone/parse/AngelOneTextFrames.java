package io.tickengine.angelone.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.source.SourceMessage;
import java.io.IOException;

/**
 * Classifies Angel One text frames for listeners: {@code pong} (the heartbeat answer), {@code error}
 * (JSON with an {@code errorCode} such as E1001 invalid request or E1002 subscription limit), anything
 * else {@code message}. Text never reaches the binary parser.
 */
public final class AngelOneTextFrames {
    /** Message type of a heartbeat answer. */
    public static final String PONG = "pong";
    /** Message type of an error answer. */
    public static final String ERROR = "error";
    /** Message type of any other text. */
    public static final String MESSAGE = "message";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AngelOneTextFrames() {
    }

    /** The message a text frame carries, as received by {@code source} at {@code receivedAt}. */
    public static SourceMessage parse(String source, String text, long receivedAt) {
        String body = text == null ? "" : text;
        if (PONG.equals(body.strip())) {
            return new SourceMessage(source, PONG, body, receivedAt);
        }
        return new SourceMessage(source, errorCode(body) != null ? ERROR : MESSAGE, body, receivedAt);
    }

    /** The {@code errorCode} of a JSON error answer, or null when the text is not one. */
    public static String errorCode(String text) {
        if (text == null || !text.strip().startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode code = node == null ? null : node.get("errorCode");
            return code == null || code.asText().isEmpty() ? null : code.asText();
        } catch (IOException e) {
            return null;
        }
    }
}
