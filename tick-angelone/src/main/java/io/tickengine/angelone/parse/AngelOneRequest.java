package io.tickengine.angelone.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A subscribe or unsubscribe request: {@code {"correlationID":..,"action":1|0,"params":{"mode":1..4,
 * "tokenList":[{"exchangeType":1,"tokens":["2885"]}]}}}. Immutable; tokens keep their order per type.
 */
public final class AngelOneRequest {
    /** Subscribe (action 1) or unsubscribe (action 0). */
    public enum Action {
        /** Action 0. */
        UNSUBSCRIBE,
        /** Action 1. */
        SUBSCRIBE;

        /** The number on the wire. */
        public int code() {
            return ordinal();
        }
    }

    /** Length of the correlation ids the official clients send. */
    public static final int CORRELATION_ID_LENGTH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String correlationId;
    private final Action action;
    private final AngelOneMode mode;
    private final Map<ExchangeType, List<String>> tokens;

    private AngelOneRequest(String correlationId, Action action, AngelOneMode mode, Map<ExchangeType, List<String>> tokens) {
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        this.action = Objects.requireNonNull(action, "action");
        this.mode = Objects.requireNonNull(mode, "mode");
        Map<ExchangeType, List<String>> copy = new EnumMap<>(ExchangeType.class);
        tokens.forEach((t, list) -> copy.put(t, List.copyOf(list)));
        this.tokens = Collections.unmodifiableMap(copy);
    }

    /** A request with these parts; the token map is copied. */
    public static AngelOneRequest of(String correlationId, Action action, AngelOneMode mode,
                                     Map<ExchangeType, List<String>> tokens) {
        return new AngelOneRequest(correlationId, action, mode, Objects.requireNonNull(tokens, "tokens"));
    }

    /** The id the server echoes in its error answers. */
    public String correlationId() {
        return correlationId;
    }

    /** Subscribe or unsubscribe. */
    public Action action() {
        return action;
    }

    /** The mode the request is for. */
    public AngelOneMode mode() {
        return mode;
    }

    /** Broker tokens per exchange type. */
    public Map<ExchangeType, List<String>> tokens() {
        return tokens;
    }

    /** Number of tokens over all exchange types. */
    public int size() {
        int n = 0;
        for (List<String> l : tokens.values()) {
            n += l.size();
        }
        return n;
    }

    /** The JSON text to send. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("correlationID", correlationId).put("action", action.code());
        ObjectNode params = root.putObject("params").put("mode", mode.code());
        ArrayNode list = params.putArray("tokenList");
        tokens.forEach((type, ts) -> {
            ObjectNode entry = list.addObject().put("exchangeType", type.code());
            ArrayNode arr = entry.putArray("tokens");
            ts.forEach(arr::add);
        });
        return root.toString();
    }

    /**
     * Reads a request.
     *
     * @throws MalformedRequestException naming what is missing or wrong
     */
    public static AngelOneRequest parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRequestException("not a JSON object");
        }
        String correlationId = root.path("correlationID").asText("");
        int actionCode = root.path("action").asInt(-1);
        if (actionCode != 0 && actionCode != 1) {
            throw new MalformedRequestException("action must be 0 or 1, was " + root.path("action"));
        }
        JsonNode params = root.path("params");
        AngelOneMode mode = AngelOneMode.ofCode(params.path("mode").asInt(-1));
        if (mode == null) {
            throw new MalformedRequestException("params.mode must be 1..4, was " + params.path("mode"));
        }
        JsonNode list = params.path("tokenList");
        if (!list.isArray() || list.isEmpty()) {
            throw new MalformedRequestException("params.tokenList must be a non-empty array");
        }
        Map<ExchangeType, List<String>> tokens = new EnumMap<>(ExchangeType.class);
        for (JsonNode entry : list) {
            ExchangeType type = ExchangeType.ofCode(entry.path("exchangeType").asInt(-1));
            if (type == null || !entry.path("tokens").isArray()) {
                throw new MalformedRequestException("tokenList entry needs a known exchangeType and a tokens array: " + entry);
            }
            List<String> ts = tokens.computeIfAbsent(type, t -> new ArrayList<>());
            for (JsonNode t : entry.path("tokens")) {
                if (!t.isTextual() || t.asText().isEmpty()) {
                    throw new MalformedRequestException("tokens must be non-empty strings, was " + t);
                }
                ts.add(t.asText());
            }
        }
        return new AngelOneRequest(correlationId, actionCode == 1 ? Action.SUBSCRIBE : Action.UNSUBSCRIBE, mode, tokens);
    }

    @Override
    public String toString() {
        return "AngelOneRequest{" + correlationId + ' ' + action + ' ' + mode + ' ' + size() + " tokens}";
    }
}
