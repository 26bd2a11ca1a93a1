package io.tickengine.core.instrument;

import io.tickengine.core.Exchange;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instruments master in memory: lookups by token, by {@code EXCHANGE:SYMBOL} and by prefix, the
 * seed sets, and each broker's token aliases. Thread-safe; readers never block. A refresh builds a
 * complete new snapshot and then swaps one volatile reference, so every call answers from one whole
 * master (two consecutive calls may see different masters).
 *
 * <p>Duplicates in one load: for a repeated instrument token the last row wins; for a repeated
 * {@code EXCHANGE:SYMBOL} among the surviving rows the first row (in load order) keeps the symbol,
 * while the others stay reachable by token, by search and in the class lists. Both are counted and
 * logged once per load.
 *
 * <p>The registry holds one master at a time. Exchanges reuse derivative tokens after expiry, so a
 * token means different contracts on different days: history must key on exchange, trading symbol
 * and date, not on the token alone.
 */
public final class InstrumentRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentRegistry.class);
    private static final String KEY_FORMAT = "EXCHANGE:SYMBOL, for example NSE:RELIANCE";

    private final ConcurrentHashMap<String, InstrumentAliases> aliases = new ConcurrentHashMap<>();
    private volatile MasterSnapshot master = MasterSnapshot.EMPTY;

    private InstrumentRegistry() {
    }

    /** A registry without instruments, to be filled with {@link #replaceAll}. */
    public static InstrumentRegistry empty() {
        return new InstrumentRegistry();
    }

    /** A registry holding these instruments. */
    public static InstrumentRegistry of(Collection<Instrument> instruments) {
        InstrumentRegistry registry = new InstrumentRegistry();
        registry.replaceAll(instruments);
        return registry;
    }

    /**
     * Replaces the whole master atomically; aliases are kept. Readers keep answering from the old
     * master until the new one is complete.
     *
     * @throws NullPointerException when the collection or one of its elements is null
     */
    public void replaceAll(Collection<Instrument> instruments) {
        Objects.requireNonNull(instruments, "instruments");
        MasterSnapshot next = new MasterSnapshot(instruments);
        master = next;
        if (next.duplicateTokens > 0) {
            LOG.warn("Instruments master had {} rows repeating an instrument token; the last row of each was kept",
                    next.duplicateTokens);
        }
        if (next.duplicateSymbols > 0) {
            LOG.warn("Instruments master had {} rows repeating an EXCHANGE:SYMBOL; the first row keeps the symbol",
                    next.duplicateSymbols);
        }
        LOG.info("Instrument registry loaded {} instruments ({} NSE indices, {} NSE stocks)",
                next.size(), next.nseIndices().size(), next.nseStocks().size());
    }

    /** Number of distinct instrument tokens in the current master. */
    public int size() {
        return master.size();
    }

    /** Rows of the current master dropped because a later row had the same instrument token. */
    public int duplicateTokens() {
        return master.duplicateTokens;
    }

    /** Rows of the current master whose {@code EXCHANGE:SYMBOL} an earlier row already held. */
    public int duplicateSymbols() {
        return master.duplicateSymbols;
    }

    /** The instrument with this token, or null; allocation-free, for hot paths. */
    public Instrument findByToken(long instrumentToken) {
        return master.findByToken(instrumentToken);
    }

    /** The instrument with this token. */
    public Optional<Instrument> byToken(long instrumentToken) {
        return Optional.ofNullable(master.findByToken(instrumentToken));
    }

    /** The instrument with this trading symbol on this exchange; the symbol is case-insensitive. */
    public Optional<Instrument> bySymbol(Exchange exchange, String tradingSymbol) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(tradingSymbol, "tradingSymbol");
        return Optional.ofNullable(master.findByKey(Instrument.key(exchange, tradingSymbol)));
    }

    /**
     * The instrument for a key such as {@code NSE:RELIANCE} or {@code nse:nifty 50}; case-insensitive,
     * blanks around either part ignored.
     *
     * @throws IllegalArgumentException when the key is not {@code EXCHANGE:SYMBOL}
     */
    public Optional<Instrument> bySymbol(String key) {
        Objects.requireNonNull(key, "key");
        int colon = key.indexOf(':');
        String exchange = colon < 0 ? "" : key.substring(0, colon).strip();
        String symbol = colon < 0 ? "" : key.substring(colon + 1).strip();
        if (exchange.isEmpty() || symbol.isEmpty()) {
            throw new IllegalArgumentException("instrument key must be " + KEY_FORMAT + ", was '" + key + "'");
        }
        // Looked up as text: Exchange.of would intern whatever a caller typed.
        return Optional.ofNullable(master.findByKey(upper(exchange) + ':' + upper(symbol)));
    }

    /**
     * Up to {@code limit} instruments whose trading symbol starts with {@code prefix}, case-insensitive,
     * sorted by symbol (exact matches therefore first), then exchange. A prefix {@code EXCHANGE:SYM}
     * searches that exchange only.
     *
     * @throws IllegalArgumentException when the limit is negative or the exchange part is blank
     */
    public List<Instrument> search(String prefix, int limit) {
        Objects.requireNonNull(prefix, "prefix");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        int colon = prefix.indexOf(':');
        if (colon < 0) {
            return master.search(upper(prefix.stripLeading()), false, limit);
        }
        String exchange = prefix.substring(0, colon).strip();
        if (exchange.isEmpty()) {
            throw new IllegalArgumentException("search prefix must be SYMBOL or " + KEY_FORMAT + ", was '"
                    + prefix + "'");
        }
        return master.search(upper(exchange) + ':' + upper(prefix.substring(colon + 1).stripLeading()), true, limit);
    }

    /** Every instrument of a class, sorted by symbol; an unmodifiable list. */
    public List<Instrument> byClass(InstrumentClass instrumentClass) {
        Objects.requireNonNull(instrumentClass, "instrumentClass");
        return master.byClass(instrumentClass);
    }

    /** NSE indices (exchange NSE, segment INDICES), sorted by symbol; the first seed set. */
    public List<Instrument> nseIndices() {
        return master.nseIndices();
    }

    /**
     * NSE stocks as the socketengine seed selects them, sorted by symbol: exchange NSE, segment NSE,
     * instrument type EQ, no expiry, lot size 1, a name that is not blank and does not contain
     * {@code LOAN} (any case).
     */
    public List<Instrument> nseStocks() {
        return master.nseStocks();
    }

    /**
     * The aliases of a namespace such as {@code angelone:nse_cm}: a live view, empty until
     * {@link #putAliases} fills it. Namespaces are case-sensitive.
     */
    public InstrumentAliases aliases(String namespace) {
        return aliases.computeIfAbsent(checkNamespace(namespace), InstrumentAliases::new);
    }

    /**
     * Replaces every alias of one namespace atomically with a copy of {@code brokerToInstrumentTokens}.
     * Other namespaces and the master are untouched; an empty map clears the namespace.
     *
     * @throws IllegalArgumentException when the namespace is blank or a value is {@link InstrumentAliases#NO_TOKEN}
     */
    public void putAliases(String namespace, Map<String, Long> brokerToInstrumentTokens) {
        Objects.requireNonNull(brokerToInstrumentTokens, "brokerToInstrumentTokens");
        aliases(namespace).replace(brokerToInstrumentTokens);
    }

    private static String checkNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("alias namespace is blank");
        }
        return namespace;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
