package io.tickengine.core;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exchange or exchange segment as people name it ({@code NSE}, {@code NFO}, {@code BSE}, ...).
 * Instances are interned, so {@code ==} works; names the library does not know yet are accepted
 * as they come, because brokers add segments without notice.
 */
public final class Exchange {
    private static final ConcurrentHashMap<String, Exchange> BY_NAME = new ConcurrentHashMap<>();

    /** National Stock Exchange, cash market (also NSE indices). */
    public static final Exchange NSE = of("NSE");
    /** NSE futures and options. */
    public static final Exchange NFO = of("NFO");
    /** NSE currency derivatives. */
    public static final Exchange CDS = of("CDS");
    /** Bombay Stock Exchange, cash market (also BSE indices). */
    public static final Exchange BSE = of("BSE");
    /** BSE futures and options. */
    public static final Exchange BFO = of("BFO");
    /** BSE currency derivatives. */
    public static final Exchange BCD = of("BCD");
    /** Multi Commodity Exchange. */
    public static final Exchange MCX = of("MCX");
    /** MCX stock exchange segment. */
    public static final Exchange MCXSX = of("MCXSX");
    /** NSE commodity derivatives. */
    public static final Exchange NCO = of("NCO");
    /** National Commodity and Derivatives Exchange. */
    public static final Exchange NCDEX = of("NCDEX");

    private final String name;

    private Exchange(String name) {
        this.name = name;
    }

    /**
     * Returns the interned exchange for a name; case-insensitive, surrounding blanks ignored.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public static Exchange of(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.strip().toUpperCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("exchange name is blank");
        }
        return BY_NAME.computeIfAbsent(key, Exchange::new);
    }

    /** The upper-case name, as used in keys such as {@code NSE:RELIANCE}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
