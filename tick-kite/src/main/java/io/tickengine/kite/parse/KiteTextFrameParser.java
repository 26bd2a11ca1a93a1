package io.tickengine.kite.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.source.SourceMessage;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kite's server text frames, {@code {"type":"order"|"error"|"message","data":...}}, into
 * {@link SourceMessage}s. Malformed text is counted, logged once and ignored. Thread-safe.
 */
public final class KiteTextFrameParser {
    private static final Logger LOG = LoggerFactory.getLogger(KiteTextFrameParser.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicBoolean logged = new AtomicBoolean();

    /** A parser whose messages name {@code source}. */
    public KiteTextFrameParser(String source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The message in a text frame: order postbacks keep their JSON object as the payload, errors and
     * notices their text.
     *
     * @return the message, or null when the text is malformed (then counted)
     */
    public SourceMessage parse(String text, long receiveTimestamp) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return malformed(text, "not JSON");
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            return malformed(text, "no string field 'type'");
        }
        JsonNode data = root.path("data");
        String payload = data.isMissingNode() || data.isNull() ? "" : data.isTextual() ? data.asText() : data.toString();
        return new SourceMessage(source, root.get("type").asText(), payload, receiveTimestamp);
    }

    /** Text frames ignored so far because they were malformed. */
    public long malformedCount() {
        return malformed.get();
    }

    private SourceMessage malformed(String text, String why) {
        malformed.incrementAndGet();
        if (logged.compareAndSet(false, true)) {
            String start = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            LOG.warn("Ignoring malformed Kite text frame ({}): {} (logged once; see the count)", why, start);
        }
        return null;
    }
}
