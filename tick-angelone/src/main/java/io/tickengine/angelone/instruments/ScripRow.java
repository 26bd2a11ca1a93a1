package io.tickengine.angelone.instruments;

import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.instrument.Instrument;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * One scrip master row, read. Strike and tick size arrive in paise and become rupees; equity symbols
 * lose Angel One's {@code -EQ} suffix; {@code AMXIDX} rows are indices; types become the core's
 * {@code EQ}, {@code FUT}, {@code CE} and {@code PE}.
 */
record ScripRow(ExchangeType type, String token, String symbol, String name, LocalDate expiry, BigDecimal strike,
                BigDecimal tickSize, int lotSize, String instrumentType, String segment) {
    private static final DateTimeFormatter EXPIRY = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("ddMMMyyyy").toFormatter(Locale.ENGLISH);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The row, or null when it lacks a token or symbol or its exchange is unknown. */
    static ScripRow of(Map<String, String> row) {
        ExchangeType type = ExchangeType.ofSegment(row.get("exch_seg"));
        String token = blankToNull(row.get("token"));
        String rawSymbol = blankToNull(row.get("symbol"));
        if (type == null || token == null || rawSymbol == null) {
            return null;
        }
        String angelType = row.getOrDefault("instrumenttype", "").strip().toUpperCase(Locale.ROOT);
        boolean cash = type == ExchangeType.NSE_CM || type == ExchangeType.BSE_CM;
        boolean index = angelType.equals("AMXIDX");
        String symbol = cash && rawSymbol.endsWith("-EQ") ? rawSymbol.substring(0, rawSymbol.length() - 3) : rawSymbol;
        String coreType;
        if (index) {
            coreType = "EQ";
        } else if (angelType.startsWith("FUT")) {
            coreType = "FUT";
        } else if (angelType.startsWith("OPT")) {
            coreType = rawSymbol.endsWith("PE") ? "PE" : "CE";
        } else {
            coreType = cash ? "EQ" : angelType.isEmpty() ? "OTHER" : angelType;
        }
        BigDecimal strike = paise(row.get("strike"));
        return new ScripRow(type, token, symbol, blankToNull(row.get("name")), expiry(row.get("expiry")),
                strike.signum() < 0 ? BigDecimal.ZERO : strike, paise(row.get("tick_size")), lotSize(row.get("lotsize")),
                coreType, index ? Instrument.SEGMENT_INDICES : type.exchange().name());
    }

    /** The {@code EXCHANGE:SYMBOL} key this row matches in the registry. */
    String key() {
        return Instrument.key(type.exchange(), symbol);
    }

    /** The row as a core instrument with this id. */
    Instrument toInstrument(long id) {
        long exchangeToken;
        try {
            exchangeToken = Long.parseLong(token);
        } catch (NumberFormatException e) {
            exchangeToken = 0;
        }
        return new Instrument(id, exchangeToken, symbol, name, BigDecimal.ZERO, expiry, strike, tickSize, lotSize,
                instrumentType, segment, type.exchange());
    }

    private static BigDecimal paise(String s) {
        try {
            return s == null || s.isBlank() ? BigDecimal.ZERO : new BigDecimal(s.strip()).divide(HUNDRED).stripTrailingZeros();
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static int lotSize(String s) {
        try {
            return s == null || s.isBlank() ? 1 : new BigDecimal(s.strip()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return 1;
        }
    }

    private static LocalDate expiry(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip(), EXPIRY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
