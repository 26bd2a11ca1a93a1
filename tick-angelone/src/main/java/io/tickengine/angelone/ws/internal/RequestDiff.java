package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOneRequest;
import io.tickengine.angelone.parse.AngelOneRequest.Action;
import io.tickengine.angelone.parse.ExchangeType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The requests that move a server from the subscriptions it has to the ones desired: unsubscribes first
 * (a changed mode is left in its old mode), then subscribes, one request per mode. Tokens are sorted
 * per exchange type so logs and tests read the same every time.
 */
public final class RequestDiff {
    private RequestDiff() {
    }

    /** Requests in send order, each with a fresh correlation id; empty when nothing differs. */
    public static List<AngelOneRequest> between(Map<Long, Subscription> applied, Map<Long, Subscription> desired,
                                                Supplier<String> correlationIds) {
        Map<AngelOneMode, List<Subscription>> drop = new EnumMap<>(AngelOneMode.class);
        Map<AngelOneMode, List<Subscription>> add = new EnumMap<>(AngelOneMode.class);
        applied.forEach((token, had) -> {
            Subscription want = desired.get(token);
            if (want == null || want.mode() != had.mode()) {
                drop.computeIfAbsent(had.mode(), m -> new ArrayList<>()).add(had);
            }
        });
        desired.forEach((token, want) -> {
            Subscription had = applied.get(token);
            if (had == null || had.mode() != want.mode()) {
                add.computeIfAbsent(want.mode(), m -> new ArrayList<>()).add(want);
            }
        });
        List<AngelOneRequest> out = new ArrayList<>();
        drop.forEach((mode, subs) -> out.add(AngelOneRequest.of(correlationIds.get(), Action.UNSUBSCRIBE, mode, group(subs))));
        add.forEach((mode, subs) -> out.add(AngelOneRequest.of(correlationIds.get(), Action.SUBSCRIBE, mode, group(subs))));
        return out;
    }

    private static Map<ExchangeType, List<String>> group(List<Subscription> subs) {
        Map<ExchangeType, TreeMap<Long, String>> sorted = new EnumMap<>(ExchangeType.class);
        for (Subscription s : subs) {
            sorted.computeIfAbsent(s.exchangeType(), t -> new TreeMap<>()).put(s.instrumentToken(), s.brokerToken());
        }
        Map<ExchangeType, List<String>> out = new EnumMap<>(ExchangeType.class);
        sorted.forEach((t, m) -> out.put(t, new ArrayList<>(m.values())));
        return out;
    }
}
