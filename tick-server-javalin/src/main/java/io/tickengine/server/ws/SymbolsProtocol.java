package io.tickengine.server.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.Exchange;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentClass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seed 000's protocol: {@code {"action":"SUBSCRIBE","type":"INDEX","symbols":[...]}} and UNSUBSCRIBE on
 * {@code /ws/indices} and {@code /ws/stocks}; the {@code /all} endpoints stream a whole class. Invalid
 * requests get {@code {"type":"ERROR","message":...}} and change nothing.
 */
final class SymbolsProtocol {
    private final Hub hub;
    private final ObjectMapper mapper = new ObjectMapper();

    SymbolsProtocol(Hub hub) {
        this.hub = hub;
    }

    static String error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "ERROR");
        m.put("message", message);
        return Hub.json(m);
    }

    void onMessage(ClientSession s, String text) {
        JsonNode n;
        try {
            n = mapper.readTree(text);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
        } catch (JsonProcessingException e) {
            bad(s, "Invalid JSON format: " + e.getOriginalMessage());
            return;
        } catch (IllegalArgumentException e) {
            bad(s, "Invalid JSON format: " + e.getMessage());
            return;
        }
        List<String> violations = new ArrayList<>();
        String action = n.path("action").asText("");
        String type = n.path("type").asText("");
        if (!action.equals("SUBSCRIBE") && !action.equals("UNSUBSCRIBE")) {
            violations.add("action must be SUBSCRIBE or UNSUBSCRIBE");
        }
        if (!type.equals("INDEX") && !type.equals("STOCK")) {
            violations.add("type must be INDEX or STOCK");
        }
        JsonNode symbols = n.get("symbols");
        List<String> names = new ArrayList<>();
        if (symbols == null || !symbols.isArray() || symbols.isEmpty()) {
            violations.add("symbols must not be empty");
        } else {
            for (JsonNode sym : symbols) {
                if (!sym.isTextual() || sym.asText().isBlank()) {
                    violations.add("symbols must be strings");
                    break;
                }
                names.add(sym.asText().strip());
            }
        }
        if (s.streamAll() != null) {
            violations.add("this endpoint streams every " + s.streamAll().name().toLowerCase(java.util.Locale.ROOT)
                    + " and takes no subscriptions");
        } else if (violations.isEmpty()) {
            String expected = s.endpoint().equals("/ws/indices") ? "INDEX" : "STOCK";
            if (!type.equals(expected)) {
                violations.add("type must be " + expected + " on " + s.endpoint());
            }
        }
        if (!violations.isEmpty()) {
            bad(s, "Invalid subscription request: " + String.join(", ", violations));
            return;
        }
        InstrumentClass wanted = type.equals("INDEX") ? InstrumentClass.INDEX : InstrumentClass.STOCK;
        List<Long> tokens = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Instrument i = hub.registry().bySymbol(Exchange.NSE, name).orElse(null);
            if (i == null || i.instrumentClass() != wanted) {
                unknown.add(name);
            } else {
                tokens.add(i.instrumentToken());
            }
        }
        if (!unknown.isEmpty()) {
            bad(s, "Invalid subscription request: unknown " + type + " symbols " + unknown);
            return;
        }
        if (!s.allowSubscribe(System.currentTimeMillis(), hub.limits().maxSubscribesPerSecond())) {
            hub.counters().limitHit("subscribe_rate");
            hub.reply(s, error("Too many subscription requests: limit is " + hub.limits().maxSubscribesPerSecond()
                    + " per second"));
            return;
        }
        if (action.equals("UNSUBSCRIBE")) {
            hub.unsubscribe(s, tokens);
            hub.reply(s, response("UNSUBSCRIBED", s, s.tokens()));
            return;
        }
        Set<Long> after = new HashSet<>(s.tokens());
        after.addAll(tokens);
        if (after.size() > hub.limits().maxSubscriptionsPerConnection()) {
            hub.counters().limitHit("subscriptions");
            hub.reply(s, error("Subscription limit exceeded: at most " + hub.limits().maxSubscriptionsPerConnection()
                    + " symbols per connection"));
            return;
        }
        // Confirmed before the subscription reaches the fan-out thread, so that no tick overtakes the confirmation.
        hub.reply(s, response("SUBSCRIBED", s, after));
        hub.subscribe(s, tokens);
    }

    /** Seed 000's SubscriptionResponseDto with a type, listing the session's instruments {@code tokens}. */
    private String response(String type, ClientSession s, Collection<Long> tokens) {
        TreeSet<String> symbols = new TreeSet<>();
        for (Long t : tokens) {
            Instrument i = hub.registry().findByToken(t);
            symbols.add(i == null ? String.valueOf(t) : i.tradingSymbol());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("sessionId", s.id());
        m.put("endpoint", s.endpoint());
        m.put("subscribedSymbols", new ArrayList<>(symbols));
        m.put("connectedAt", Instant.ofEpochMilli(s.connectedAt()));
        return Hub.json(m);
    }

    private void bad(ClientSession s, String message) {
        hub.counters().badMessages.increment();
        hub.reply(s, error(message));
    }
}
