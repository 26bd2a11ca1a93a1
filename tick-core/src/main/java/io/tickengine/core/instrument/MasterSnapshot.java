package io.tickengine.core.instrument;

import io.tickengine.core.Exchange;
import io.tickengine.core.internal.LongObjectMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One immutable instruments master with every index the registry answers from. Built completely
 * before {@link InstrumentRegistry} publishes it, so a reader sees either the old master or the new.
 */
final class MasterSnapshot {
    static final MasterSnapshot EMPTY = new MasterSnapshot(List.of());

    private static final Comparator<Instrument> BY_SYMBOL = Comparator
            .comparing((Instrument i) -> i.tradingSymbol().toUpperCase(Locale.ROOT))
            .thenComparing(i -> i.exchange().name())
            .thenComparingLong(Instrument::instrumentToken);

    private record Entry(String text, Instrument instrument) {
    }

    private final LongObjectMap<Instrument> byToken;
    private final Map<String, Instrument> byKey;
    /** Upper-case symbols, sorted, beside the instruments in the same order. */
    private final String[] symbols;
    private final Instrument[] symbolOrder;
    /** Upper-case {@code EXCHANGE:SYMBOL} keys, sorted, beside the instruments in the same order. */
    private final String[] keys;
    private final Instrument[] keyOrder;
    private final Map<InstrumentClass, List<Instrument>> byClass;
    private final List<Instrument> nseIndices;
    private final List<Instrument> nseStocks;
    final int duplicateTokens;
    final int duplicateSymbols;

    MasterSnapshot(Collection<Instrument> rows) {
        byToken = new LongObjectMap<>(rows.size());
        int tokenDuplicates = 0;
        for (Instrument row : rows) {
            Objects.requireNonNull(row, "instruments must not contain null");
            if (byToken.put(row.instrumentToken(), row) != null) {
                tokenDuplicates++;
            }
        }
        // Only the surviving row of each token takes part; among those, the first keeps its symbol.
        Map<String, Instrument> keyIndex = new HashMap<>(rows.size() * 2);
        LongObjectMap<Instrument> taken = new LongObjectMap<>(byToken.size());
        List<Instrument> unique = new ArrayList<>(byToken.size());
        int symbolDuplicates = 0;
        for (Instrument row : rows) {
            long token = row.instrumentToken();
            if (byToken.get(token) != row || taken.put(token, row) != null) {
                continue;
            }
            if (keyIndex.putIfAbsent(row.key(), row) != null) {
                symbolDuplicates++;
            }
            unique.add(row);
        }
        unique.sort(BY_SYMBOL);
        symbolOrder = unique.toArray(new Instrument[0]);
        symbols = new String[symbolOrder.length];
        Entry[] byKeyText = new Entry[symbolOrder.length];
        for (int i = 0; i < symbolOrder.length; i++) {
            symbols[i] = symbolOrder[i].tradingSymbol().toUpperCase(Locale.ROOT);
            byKeyText[i] = new Entry(symbolOrder[i].key(), symbolOrder[i]);
        }
        // Stable sort: equal keys stay in symbol order, which already breaks ties by token.
        Arrays.sort(byKeyText, Comparator.comparing(Entry::text));
        keys = new String[byKeyText.length];
        keyOrder = new Instrument[byKeyText.length];
        for (int i = 0; i < byKeyText.length; i++) {
            keys[i] = byKeyText[i].text();
            keyOrder[i] = byKeyText[i].instrument();
        }
        byKey = keyIndex;
        byClass = classify(unique);
        nseIndices = filter(unique, MasterSnapshot::isNseIndex);
        nseStocks = filter(unique, MasterSnapshot::isNseStock);
        duplicateTokens = tokenDuplicates;
        duplicateSymbols = symbolDuplicates;
    }

    int size() {
        return symbolOrder.length;
    }

    Instrument findByToken(long token) {
        return byToken.get(token);
    }

    /** Looks up an upper-case {@code EXCHANGE:SYMBOL} key. */
    Instrument findByKey(String upperCaseKey) {
        return byKey.get(upperCaseKey);
    }

    /** Instruments whose symbol, or {@code EXCHANGE:SYMBOL} key when {@code byKey}, starts with the prefix. */
    List<Instrument> search(String upperCasePrefix, boolean byKey, int limit) {
        String[] sorted = byKey ? keys : symbols;
        Instrument[] order = byKey ? keyOrder : symbolOrder;
        List<Instrument> out = new ArrayList<>(Math.min(limit, 16));
        for (int i = lowerBound(sorted, upperCasePrefix); i < sorted.length && out.size() < limit
                && sorted[i].startsWith(upperCasePrefix); i++) {
            out.add(order[i]);
        }
        return Collections.unmodifiableList(out);
    }

    List<Instrument> byClass(InstrumentClass instrumentClass) {
        return byClass.get(instrumentClass);
    }

    List<Instrument> nseIndices() {
        return nseIndices;
    }

    List<Instrument> nseStocks() {
        return nseStocks;
    }

    static boolean isNseIndex(Instrument i) {
        return i.exchange() == Exchange.NSE && Instrument.SEGMENT_INDICES.equalsIgnoreCase(i.segment());
    }

    /** The socketengine seed filter documented on {@link InstrumentRegistry#nseStocks()}. */
    static boolean isNseStock(Instrument i) {
        return i.exchange() == Exchange.NSE
                && "NSE".equalsIgnoreCase(i.segment())
                && "EQ".equalsIgnoreCase(i.instrumentType())
                && i.expiry() == null
                && i.lotSize() == 1
                && i.name() != null && !i.name().isBlank()
                && !i.name().toUpperCase(Locale.ROOT).contains("LOAN");
    }

    private static int lowerBound(String[] sorted, String key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Map<InstrumentClass, List<Instrument>> classify(List<Instrument> sorted) {
        Map<InstrumentClass, List<Instrument>> lists = new EnumMap<>(InstrumentClass.class);
        for (InstrumentClass c : InstrumentClass.values()) {
            lists.put(c, new ArrayList<>());
        }
        for (Instrument i : sorted) {
            lists.get(i.instrumentClass()).add(i);
        }
        lists.replaceAll((c, list) -> List.copyOf(list));
        return lists;
    }

    private static List<Instrument> filter(List<Instrument> sorted, Predicate<Instrument> test) {
        List<Instrument> out = new ArrayList<>();
        for (Instrument i : sorted) {
            if (test.test(i)) {
                out.add(i);
            }
        }
        return List.copyOf(out);
    }
}
