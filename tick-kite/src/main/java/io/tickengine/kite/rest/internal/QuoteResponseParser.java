package io.tickengine.kite.rest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickengine.core.Depth;
import io.tickengine.core.Exchange;
import io.tickengine.core.InvalidPriceException;
import io.tickengine.core.Prices;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.kite.parse.KiteSegment;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Reads a Kite quote response ({@code /quote}, {@code /quote/ohlc} or {@code /quote/ltp}) into ticks with
 * Jackson's streaming parser. Prices are read as exact decimals and scaled by the token's segment, never
 * through {@code double}; times ({@code yyyy-MM-dd HH:mm:ss} IST) become UTC epoch milliseconds. A quote
 * that cannot be read is skipped and counted. Not thread-safe: the poller thread owns it.
 */
public final class QuoteResponseParser {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final DateTimeFormatter KITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int LEVELS = 5;

    private final LongFunction<Instrument> lookup;
    private final Tick.Builder tick = Tick.builder();
    private long badQuotes;
    private String lastProblem = "";

    /** A parser that names instruments through {@code lookup} (may be null). */
    public QuoteResponseParser(LongFunction<Instrument> lookup) {
        this.lookup = lookup;
    }

    /** Quotes skipped so far because a field could not be read. */
    public long badQuotes() {
        return badQuotes;
    }

    /** Why the last quote was skipped; empty before any. */
    public String lastProblem() {
        return lastProblem;
    }

    /**
     * The ticks of one response body in {@code mode}, in response order.
     *
     * @throws IOException when the body is not a successful Kite response
     */
    public List<Tick> parse(InputStream body, TickMode mode, long receivedAt) throws IOException {
        List<Tick> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            expect(p, JsonToken.START_OBJECT);
            String status = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("status".equals(field)) {
                    status = p.getValueAsString();
                } else if ("data".equals(field) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        if (p.nextToken() != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            bad(key, "not an object");
                            continue;
                        }
                        Quote q = quote(p);
                        Tick t = toTick(key, q, mode, receivedAt);
                        if (t != null) {
                            out.add(t);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!"success".equals(status)) {
                throw new IOException("quote response status is " + status + ", not success");
            }
        }
        return out;
    }

    /** One quote object's fields as read; prices stay decimals until the token's scale is known. */
    private static final class Quote {
        long token = -1;
        String timestamp;
        String lastTradeTime;
        BigDecimal lastPrice;
        BigDecimal averagePrice;
        BigDecimal lowerCircuit;
        BigDecimal upperCircuit;
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        long lastQuantity;
        long buyQuantity;
        long sellQuantity;
        long volume;
        long oi;
        long oiDayHigh;
        long oiDayLow;
        final List<Level> bids = new ArrayList<>(LEVELS);
        final List<Level> asks = new ArrayList<>(LEVELS);
        boolean hasDepth;
        /** The first field that could not be read, or null. */
        String problem;

        void problem(String field, String why) {
            if (problem == null) {
                problem = field + " " + why;
            }
        }
    }

    private record Level(BigDecimal price, long quantity, int orders) {
    }

    private static Quote quote(JsonParser p) throws IOException {
        Quote q = new Quote();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "instrument_token" -> q.token = whole(p, q, field);
                case "timestamp" -> q.timestamp = p.getValueAsString();
                case "last_trade_time" -> q.lastTradeTime = p.getValueAsString();
                case "last_price" -> q.lastPrice = decimal(p, q, field);
                case "average_price" -> q.averagePrice = decimal(p, q, field);
                case "lower_circuit_limit" -> q.lowerCircuit = decimal(p, q, field);
                case "upper_circuit_limit" -> q.upperCircuit = decimal(p, q, field);
                case "last_quantity" -> q.lastQuantity = whole(p, q, field);
                case "buy_quantity" -> q.buyQuantity = whole(p, q, field);
                case "sell_quantity" -> q.sellQuantity = whole(p, q, field);
                case "volume" -> q.volume = whole(p, q, field);
                case "oi" -> q.oi = whole(p, q, field);
                case "oi_day_high" -> q.oiDayHigh = whole(p, q, field);
                case "oi_day_low" -> q.oiDayLow = whole(p, q, field);
                case "ohlc" -> ohlc(p, q);
                case "depth" -> depth(p, q);
                default -> p.skipChildren();
            }
        }
        return q;
    }

    private static void ohlc(JsonParser p, Quote q) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "open" -> q.open = decimal(p, q, field);
                case "high" -> q.high = decimal(p, q, field);
                case "low" -> q.low = decimal(p, q, field);
                case "close" -> q.close = decimal(p, q, field);
                default -> p.skipChildren();
            }
        }
    }

    private static void depth(JsonParser p, Quote q) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        q.hasDepth = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String side = p.currentName();
            if (p.nextToken() != JsonToken.START_ARRAY || !("buy".equals(side) || "sell".equals(side))) {
                p.skipChildren();
                continue;
            }
            List<Level> levels = "buy".equals(side) ? q.bids : q.asks;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                BigDecimal price = null;
                long quantity = 0;
                long orders = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "price" -> price = decimal(p, q, "depth price");
                        case "quantity" -> quantity = whole(p, q, "depth quantity");
                        case "orders" -> orders = whole(p, q, "depth orders");
                        default -> p.skipChildren();
                    }
                }
                if (levels.size() < LEVELS) {
                    levels.add(new Level(price, quantity, (int) Math.min(Integer.MAX_VALUE, orders)));
                }
            }
        }
    }

    private Tick toTick(String key, Quote q, TickMode mode, long receivedAt) {
        if (q.problem != null) {
            return bad(key, q.problem);
        }
        KiteSegment segment = q.token > 0 ? KiteSegment.ofToken(q.token) : null;
        if (segment == null) {
            return bad(key, q.token <= 0 ? "no instrument_token" : "unknown segment of token " + q.token);
        }
        int scale = segment.priceScale();
        Instrument instrument = lookup == null ? null : lookup.apply(q.token);
        Exchange exchange = segment.tradable() || instrument == null ? segment.exchange() : instrument.exchange();
        try {
            tick.reset().instrumentToken(q.token).exchange(exchange).tradable(segment.tradable()).priceScale(scale)
                    .mode(mode).receiveTimestamp(receivedAt)
                    .tradingSymbol(instrument == null ? null : instrument.tradingSymbol())
                    .lastPrice(units(q.lastPrice, scale));
            if (mode != TickMode.LTP) {
                tick.open(units(q.open, scale)).high(units(q.high, scale)).low(units(q.low, scale))
                        .close(units(q.close, scale));
            }
            if (mode == TickMode.FULL) {
                tick.lastQuantity(q.lastQuantity).totalBuyQuantity(q.buyQuantity).totalSellQuantity(q.sellQuantity)
                        .volume(q.volume).averagePrice(units(q.averagePrice, scale)).openInterest(q.oi)
                        .openInterestDayHigh(q.oiDayHigh).openInterestDayLow(q.oiDayLow)
                        .lowerCircuit(units(q.lowerCircuit, scale)).upperCircuit(units(q.upperCircuit, scale))
                        .exchangeTimestamp(millis(q.timestamp)).lastTradeTime(millis(q.lastTradeTime));
                if (q.hasDepth) {
                    tick.depth(depth(q, scale));
                }
            }
            return tick.build();
        } catch (InvalidPriceException | IllegalArgumentException e) {
            return bad(key, e.getMessage());
        }
    }

    private static Depth depth(Quote q, int scale) {
        Depth.Builder d = Depth.builder(LEVELS);
        for (Level l : q.bids) {
            d.bid(units(l.price(), scale), l.quantity(), l.orders());
        }
        for (Level l : q.asks) {
            d.ask(units(l.price(), scale), l.quantity(), l.orders());
        }
        return d.build();
    }

    private Tick bad(String key, String why) {
        badQuotes++;
        lastProblem = "quote " + key + ": " + why;
        return null;
    }

    private static long units(BigDecimal price, int scale) {
        return price == null ? 0 : Prices.toUnits(price, scale);
    }

    /** Kite's IST time as UTC epoch milliseconds; 0 when absent. */
    static long millis(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            if (text.indexOf('T') > 0) {
                return java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(text.strip(), KITE_TIME).toInstant(IST).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not yyyy-MM-dd HH:mm:ss: '" + text + "'");
        }
    }

    /** The exact decimal of a number (or numeric string); null when null or unreadable, noting the latter. */
    private static BigDecimal decimal(JsonParser p, Quote q, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return new BigDecimal(p.getText().strip());
            } catch (NumberFormatException e) {
                q.problem(field, "is not a decimal: '" + p.getText() + "'");
                return null;
            }
        }
        p.skipChildren();
        q.problem(field, "is not a number");
        return null;
    }

    private static long whole(JsonParser p, Quote q, String field) throws IOException {
        BigDecimal d = decimal(p, q, field);
        if (d == null) {
            return 0;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            q.problem(field, "is not a whole number: " + d.toPlainString());
            return 0;
        }
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        JsonToken t = p.currentToken() == token ? token : p.nextToken();
        if (t != token) {
            throw new IOException("expected " + token + " but found " + t + " in the quote response");
        }
    }
}
