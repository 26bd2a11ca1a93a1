package io.tickengine.kite.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.TickMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A client-to-server control message: {@code {"a":"subscribe","v":[...]}}, {@code unsubscribe}, or
 * {@code {"a":"mode","v":["full",[...]]}}. Tokens are JSON numbers.
 *
 * @param action what the message asks
 * @param mode the mode of a {@link Action#MODE} message; null otherwise
 * @param tokens the instrument tokens, in order
 */
public record KiteCommand(Action action, TickMode mode, List<Long> tokens) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code a} field. */
    public enum Action {
        /** Start streaming instruments (in the server's default mode until a mode message). */
        SUBSCRIBE,
        /** Stop streaming instruments. */
        UNSUBSCRIBE,
        /** Set the mode of subscribed instruments. */
        MODE;

        /** The wire name, for example {@code subscribe}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public KiteCommand {
        Objects.requireNonNull(action, "action");
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        if ((action == Action.MODE) != (mode != null)) {
            throw new IllegalArgumentException("a mode is required for mode messages and only for them");
        }
    }

    /** A subscribe message. */
    public static KiteCommand subscribe(Collection<Long> tokens) {
        return new KiteCommand(Action.SUBSCRIBE, null, new ArrayList<>(tokens));
    }

    /** An unsubscribe message. */
    public static KiteCommand unsubscribe(Collection<Long> tokens) {
        return new KiteCommand(Action.UNSUBSCRIBE, null, new ArrayList<>(tokens));
    }

    /** A mode message. */
    public static KiteCommand mode(TickMode mode, Collection<Long> tokens) {
        return new KiteCommand(Action.MODE, Objects.requireNonNull(mode, "mode"), new ArrayList<>(tokens));
    }

    /**
     * The mode itself when Kite has it: every mode but {@link TickMode#DEPTH} (order book only), which
     * Kite does not offer; its FULL mode carries five levels of depth with the trade fields.
     *
     * @throws IllegalArgumentException for {@link TickMode#DEPTH}
     * @throws NullPointerException when the mode is null
     */
    public static TickMode kiteMode(TickMode mode) {
        if (Objects.requireNonNull(mode, "mode") == TickMode.DEPTH) {
            throw new IllegalArgumentException("Kite has no order-book-only mode DEPTH; subscribe FULL for depth");
        }
        return mode;
    }

    /** Kite's name of a mode: {@code ltp}, {@code quote} or {@code full}. */
    public static String modeName(TickMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode with a Kite name.
     *
     * @throws MalformedMessageException when the name is not {@code ltp}, {@code quote} or {@code full}
     */
    public static TickMode modeOf(String name) {
        switch (name) {
            case "ltp":
                return TickMode.LTP;
            case "quote":
                return TickMode.QUOTE;
            case "full":
                return TickMode.FULL;
            default:
                throw new MalformedMessageException("unknown mode '" + name + "'");
        }
    }

    /** The JSON text to send. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(24 + tokens.size() * 10).append("{\"a\":\"").append(action.wireName())
                .append("\",\"v\":");
        if (mode != null) {
            sb.append("[\"").append(modeName(mode)).append("\",");
        }
        sb.append('[');
        for (int i = 0; i < tokens.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(tokens.get(i).longValue());
        }
        sb.append(']');
        return (mode != null ? sb.append(']') : sb).append('}').toString();
    }

    /**
     * Reads a control message, as the simulator does.
     *
     * @throws MalformedMessageException when the text is not a valid control message
     */
    public static KiteCommand parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("control message is not JSON", e);
        }
        if (root == null || !root.isObject() || !root.path("a").isTextual()) {
            throw new MalformedMessageException("control message needs a string field 'a'");
        }
        String a = root.get("a").asText();
        JsonNode v = root.path("v");
        switch (a) {
            case "subscribe":
                return new KiteCommand(Action.SUBSCRIBE, null, tokens(v));
            case "unsubscribe":
                return new KiteCommand(Action.UNSUBSCRIBE, null, tokens(v));
            case "mode":
                if (!v.isArray() || v.size() != 2 || !v.get(0).isTextual()) {
                    throw new MalformedMessageException("mode message needs \"v\":[mode,[tokens]]");
                }
                return new KiteCommand(Action.MODE, modeOf(v.get(0).asText()), tokens(v.get(1)));
            default:
                throw new MalformedMessageException("unknown action '" + a + "'");
        }
    }

    private static List<Long> tokens(JsonNode v) {
        if (!v.isArray()) {
            throw new MalformedMessageException("tokens must be a JSON array");
        }
        List<Long> out = new ArrayList<>(v.size());
        for (JsonNode n : v) {
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0 || n.asLong() > 0xFFFF_FFFFL) {
                throw new MalformedMessageException("token " + n + " is not a uint32 number");
            }
            out.add(n.asLong());
        }
        return out;
    }
}
