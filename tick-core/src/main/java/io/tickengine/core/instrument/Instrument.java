package io.tickengine.core.instrument;

import io.tickengine.core.Exchange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of a broker's instruments master (the Kite columns; other brokers map onto them).
 *
 * @param instrumentToken numeric id used for routing ticks (Kite's instrument token)
 * @param exchangeToken the exchange's own token
 * @param tradingSymbol the trading symbol, for example {@code RELIANCE} or {@code NIFTY 50}
 * @param name the company or index name; null when the master has none
 * @param lastPrice the last price in the master, exact; zero when absent
 * @param expiry expiry date of a derivative; null otherwise
 * @param strike strike of an option, exact; zero otherwise
 * @param tickSize minimum price step, exact
 * @param lotSize lot size
 * @param instrumentType the master's type: {@code EQ}, {@code FUT}, {@code CE}, {@code PE}, ...
 * @param segment the master's segment: {@code NSE}, {@code INDICES}, {@code NFO-OPT}, ...
 * @param exchange the exchange
 */
public record Instrument(long instrumentToken, long exchangeToken, String tradingSymbol, String name,
                         BigDecimal lastPrice, LocalDate expiry, BigDecimal strike, BigDecimal tickSize,
                         int lotSize, String instrumentType, String segment, Exchange exchange) {
    /** The segment name the Kite master uses for indices. */
    public static final String SEGMENT_INDICES = "INDICES";

    public Instrument {
        Objects.requireNonNull(tradingSymbol, "tradingSymbol");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(instrumentType, "instrumentType");
        Objects.requireNonNull(segment, "segment");
        lastPrice = lastPrice == null ? BigDecimal.ZERO : lastPrice;
        strike = strike == null ? BigDecimal.ZERO : strike;
        tickSize = tickSize == null ? BigDecimal.ZERO : tickSize;
    }

    /** {@code EXCHANGE:SYMBOL}, the key people use, for example {@code NSE:RELIANCE}. */
    public String key() {
        return key(exchange, tradingSymbol);
    }

    /** Builds the {@code EXCHANGE:SYMBOL} key; the symbol is upper-cased. */
    public static String key(Exchange exchange, String tradingSymbol) {
        return exchange.name() + ':' + tradingSymbol.toUpperCase(Locale.ROOT);
    }

    /** The classification derived from segment and type. */
    public InstrumentClass instrumentClass() {
        if (SEGMENT_INDICES.equalsIgnoreCase(segment)) {
            return InstrumentClass.INDEX;
        }
        switch (instrumentType.toUpperCase(Locale.ROOT)) {
            case "EQ":
                return InstrumentClass.STOCK;
            case "FUT":
                return InstrumentClass.FUTURE;
            case "CE":
            case "PE":
                return InstrumentClass.OPTION;
            default:
                return InstrumentClass.OTHER;
        }
    }

    /** Whether the instrument can be traded (indices cannot). */
    public boolean tradable() {
        return instrumentClass() != InstrumentClass.INDEX;
    }
}
