package io.tickengine.kite.ws.internal;

import io.tickengine.core.TickMode;
import io.tickengine.kite.parse.KiteCommand;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The control messages that move a server from the subscriptions it has to the ones desired:
 * unsubscribe first (it frees room), then subscribe, then one explicit mode message per mode for every
 * new or changed token, because Kite's default mode after subscribe is undocumented.
 */
public final class SubscriptionDiff {
    private SubscriptionDiff() {
    }

    /** Messages in send order; empty when nothing differs. Tokens are sorted for readable logs. */
    public static List<KiteCommand> between(Map<Long, TickMode> applied, Map<Long, TickMode> desired) {
        TreeSet<Long> removed = new TreeSet<>();
        for (Long t : applied.keySet()) {
            if (!desired.containsKey(t)) {
                removed.add(t);
            }
        }
        TreeSet<Long> added = new TreeSet<>();
        Map<TickMode, TreeSet<Long>> modes = new EnumMap<>(TickMode.class);
        for (Map.Entry<Long, TickMode> e : desired.entrySet()) {
            TickMode had = applied.get(e.getKey());
            if (had == null) {
                added.add(e.getKey());
            }
            if (had != e.getValue()) {
                modes.computeIfAbsent(e.getValue(), m -> new TreeSet<>()).add(e.getKey());
            }
        }
        List<KiteCommand> out = new ArrayList<>(2 + modes.size());
        if (!removed.isEmpty()) {
            out.add(KiteCommand.unsubscribe(removed));
        }
        if (!added.isEmpty()) {
            out.add(KiteCommand.subscribe(added));
        }
        modes.forEach((mode, tokens) -> out.add(KiteCommand.mode(mode, tokens)));
        return out;
    }
}
