package io.tickengine.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.instrument.Instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 004's message protocol on {@code /ws/ticks}, and the same shape on {@code /ws/candles}:
 * subscribe/unsubscribe with numeric tokens, ping, negotiated frame options and resume. A malformed or
 * unknown message gets an error and changes nothing.
 */
final class TicksProtocol {
    static final String INVALID_JSON = "Invalid JSON message";
    static final String BAD_TOKENS = "tokens must be a list of instrument tokens";
    static final String BAD_RESUME = "resume_from must be the sequence number of the last tick received";
    static final int MAX_BATCH = 500;

    private final Hub hub;
    private final List<CandleInterval> intervals;
    private final ObjectMapper mapper = new ObjectMapper();

    TicksProtocol(Hub hub, List<CandleInterval> intervals) {
        this.hub = hub;
        this.intervals = intervals;
    }

    static String error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error");
        m.put("message", message);
        return Hub.json(m);
    }

    /**
     * Applies frame options given as query parameters at connect ({@code format}, {@code batch},
     * {@code delta}), in either dialect; returns the problem with them, or null.
     */
    String negotiate(ClientSession s, Map<String, List<String>> query) {
        Map<String, Object> opts = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (!v.isEmpty() && (k.equals("format") || k.equals("batch") || k.equals("delta"))) {
                opts.put(k, v.get(0));
            }
        });
        return opts.isEmpty() ? null : applyOptions(s, mapper.valueToTree(opts));
    }

    void onMessage(ClientSession s, String text) {
        JsonNode n;
        try {
            n = mapper.readTree(text);
        } catch (Exception e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            bad(s, INVALID_JSON);
            return;
        }
        String action = n.path("action").isTextual() ? n.get("action").asText() : String.valueOf(n.get("action"));
        switch (action) {
            case "ping" -> hub.reply(s, "{\"type\":\"pong\"}");
            case "subscribe", "unsubscribe" -> subscription(s, n, action.equals("subscribe"));
            default -> bad(s, "Unknown action: " + action);
        }
    }

    private void subscription(ClientSession s, JsonNode n, boolean subscribe) {
        List<String> unknownSymbols = new ArrayList<>();
        List<Long> tokens = tokens(n, unknownSymbols);
        if (tokens == null) {
            bad(s, BAD_TOKENS);
            return;
        }
        CandleInterval interval = null;
        if (s.dialect() == Dialect.CANDLES) {
            interval = interval(n.path("interval").asText(""));
            if (interval == null) {
                bad(s, "interval must be one of " + intervals.stream().map(CandleInterval::label).toList());
                return;
            }
        }
        if (!s.allowSubscribe(System.currentTimeMillis(), hub.limits().maxSubscribesPerSecond())) {
            hub.counters().limitHit("subscribe_rate");
            hub.reply(s, error("Too many subscribe messages: limit is " + hub.limits().maxSubscribesPerSecond()
                    + " per second"));
            return;
        }
        if (!subscribe) {
            List<Long> removed = interval == null ? hub.unsubscribe(s, tokens) : hub.unsubscribeCandles(s, tokens, interval);
            hub.reply(s, confirm("unsubscribed", removed, interval == null ? s.tokens().size() : s.candleKeys().size(),
                    interval));
            return;
        }
        List<Long> unknown = new ArrayList<>();
        for (Long t : tokens) {
            if (hub.registry().size() > 0 && hub.registry().findByToken(t) == null) {
                unknown.add(t);
            }
        }
        if (!unknown.isEmpty()) {
            bad(s, "Unknown instrument tokens: " + unknown);
            return;
        }
        if (!unknownSymbols.isEmpty()) {
            bad(s, "Unknown instruments: " + unknownSymbols);
            return;
        }
        Set<Long> after = new HashSet<>(s.tokens());
        after.addAll(tokens);
        if (after.size() > hub.limits().maxSubscriptionsPerConnection()) {
            hub.counters().limitHit("subscriptions");
            hub.reply(s, error("Subscription limit exceeded: at most " + hub.limits().maxSubscriptionsPerConnection()
                    + " instruments per connection"));
            return;
        }
        JsonNode resume = n.get("resume_from");
        if (resume != null && !resume.isNull() && !(resume.isIntegralNumber() && resume.canConvertToLong())) {
            bad(s, BAD_RESUME);
            return;
        }
        if (hasOptions(n)) {
            String problem = applyOptions(s, n);
            if (problem != null) {
                bad(s, problem);
                return;
            }
        }
        // The confirmation is queued before the subscription reaches the fan-out thread, so that no tick or
        // candle of it can overtake the confirmation; one connection's messages are handled one at a time.
        if (interval != null) {
            Set<Long> keys = new HashSet<>(s.candleKeys());
            for (Long t : tokens) {
                keys.add(Hub.candleKey(t, interval));
            }
            hub.reply(s, confirm("subscribed", tokens, keys.size(), interval));
            hub.subscribeCandles(s, tokens, interval);
            return;
        }
        hub.reply(s, confirm("subscribed", tokens, after.size(), null));
        if (resume != null && !resume.isNull()) {
            hub.resume(s, tokens, resume.asLong());
        } else {
            hub.subscribe(s, tokens);
        }
    }

    private static boolean hasOptions(JsonNode n) {
        return n.has("format") || n.has("batch") || n.has("delta");
    }

    /** Negotiates format/batch/delta; returns a problem or null. */
    private String applyOptions(ClientSession s, JsonNode n) {
        String format = n.path("format").asText("json");
        if (!format.equals("json") && !format.equals("msgpack")) {
            return "Invalid options: format must be json or msgpack";
        }
        JsonNode b = n.path("batch");
        int batch = 1;
        if (!b.isMissingNode()) {
            String bs = b.asText();
            try {
                batch = Integer.parseInt(bs);
            } catch (NumberFormatException e) {
                return "Invalid options: batch must be a number from 1 to " + MAX_BATCH;
            }
            if (batch < 1 || batch > MAX_BATCH) {
                return "Invalid options: batch must be a number from 1 to " + MAX_BATCH;
            }
        }
        String delta = n.path("delta").asText("false");
        if (!delta.equals("true") && !delta.equals("false")) {
            return "Invalid options: delta must be true or false";
        }
        s.options(format.equals("msgpack"), delta.equals("true"), batch);
        return null;
    }

    private CandleInterval interval(String text) {
        try {
            CandleInterval i = CandleInterval.parse(text);
            return intervals.contains(i) ? i : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The instruments a message names, as numeric tokens or {@code [EXCHANGE:]SYMBOL} strings; null when the
     * value is not a non-empty list of those. Strings that name no instrument go to {@code unknownSymbols}
     * (subscribing refuses them; unsubscribing has nothing to remove for them).
     */
    private List<Long> tokens(JsonNode n, List<String> unknownSymbols) {
        JsonNode a = n.get("tokens");
        if (a == null && n.has("symbols")) {
            a = n.get("symbols");
        }
        if (a == null || !a.isArray() || a.isEmpty()) {
            return null;
        }
        Set<Long> out = new LinkedHashSet<>();
        for (JsonNode t : a) {
            if (t.isIntegralNumber() && t.canConvertToLong() && t.asLong() > 0) {
                out.add(t.asLong());
            } else if (t.isTextual()) {
                Instrument i = io.tickengine.server.internal.Instruments.resolve(hub.registry(), t.asText());
                if (i == null) {
                    unknownSymbols.add(t.asText());
                } else {
                    out.add(i.instrumentToken());
                }
            } else {
                return null;
            }
        }
        return new ArrayList<>(out);
    }

    private void bad(ClientSession s, String message) {
        hub.counters().badMessages.increment();
        hub.reply(s, error(message));
    }

    /** A subscribed or unsubscribed message; {@code total} counts the session's instruments (or candle series) after it. */
    private static String confirm(String type, List<Long> tokens, int total, CandleInterval interval) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("tokens", tokens);
        if (interval != null) {
            m.put("interval", interval.label());
        }
        m.put("total", (long) total);
        return Hub.json(m);
    }
}
