package io.tickengine.core;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One market data update for one instrument, broker-neutral. Immutable and safe to share between
 * threads, but for the ingest sequence: an engine that accepts a tick not stamped before writes its
 * sequence into it once, before any sink sees it (see {@link #ingestSequence()}). Prices are exact
 * fixed-point {@code long}s at {@link #priceScale()}; the {@code *AsDouble} and {@code *Decimal}
 * accessors are conveniences. Fields a mode does not carry are 0 (or null).
 */
public final class Tick {
    /** {@link #feedSequence()} of a feed that has no sequence numbers. */
    public static final long NO_SEQUENCE = -1;
    // The longs every tick's consumers read (router, validator, candle aggregator) come first: HotSpot lays
    // out fields of one size in declaration order, so they share the object's first cache line (offsets
    // 16-55 with compressed class pointers) instead of three. Measured in CandleAggregatorBenchmark.
    private final long instrumentToken;
    private final long lastPrice;
    private final long volume;
    private final long exchangeTimestamp;
    private final long receiveTimestamp;
    private final TickMode mode;
    private final int priceScale;
    private final Exchange exchange;
    private final String tradingSymbol;
    private final boolean tradable;
    private final long lastQuantity;
    private final long averagePrice;
    private final long totalBuyQuantity;
    private final long totalSellQuantity;
    private final long open;
    private final long high;
    private final long low;
    private final long close;
    private final long change;
    /** Whether the feed gave {@link #change}; if not, a rebuilt tick computes it again. Not part of equality. */
    private final boolean changeGiven;
    private final long lastTradeTime;
    private final long feedSequence;
    private final long openInterest;
    private final long openInterestDayHigh;
    private final long openInterestDayLow;
    private final double openInterestChangePercent;
    private final long upperCircuit;
    private final long lowerCircuit;
    private final long week52High;
    private final long week52Low;
    private final Depth depth;
    // Written at most once after construction, by the engine (IngestStamp, compare-and-set from 0)
    // before it hands the tick to any sink; sinks see it through their queue's release/acquire.
    private long ingestSequence;
    private final byte[] rawPacket;

    private Tick(Builder b, long ingestSequence) {
        this.instrumentToken = b.instrumentToken;
        this.exchange = b.exchange;
        this.tradingSymbol = b.tradingSymbol;
        this.tradable = b.tradable;
        this.mode = b.mode;
        this.priceScale = b.priceScale;
        this.lastPrice = b.lastPrice;
        this.lastQuantity = b.lastQuantity;
        this.averagePrice = b.averagePrice;
        this.volume = b.volume;
        this.totalBuyQuantity = b.totalBuyQuantity;
        this.totalSellQuantity = b.totalSellQuantity;
        this.open = b.open;
        this.high = b.high;
        this.low = b.low;
        this.close = b.close;
        this.change = b.changeSet ? b.change : (b.close != 0 ? b.lastPrice - b.close : 0);
        this.changeGiven = b.changeSet;
        this.lastTradeTime = b.lastTradeTime;
        this.exchangeTimestamp = b.exchangeTimestamp;
        this.receiveTimestamp = b.receiveTimestamp;
        this.feedSequence = b.feedSequence;
        this.openInterest = b.openInterest;
        this.openInterestDayHigh = b.openInterestDayHigh;
        this.openInterestDayLow = b.openInterestDayLow;
        this.openInterestChangePercent = b.openInterestChangePercent;
        this.upperCircuit = b.upperCircuit;
        this.lowerCircuit = b.lowerCircuit;
        this.week52High = b.week52High;
        this.week52Low = b.week52Low;
        this.depth = b.depth;
        this.rawPacket = b.rawPacket;
        this.ingestSequence = ingestSequence;
    }

    private Tick(Tick t, long ingestSequence) {
        this.instrumentToken = t.instrumentToken;
        this.exchange = t.exchange;
        this.tradingSymbol = t.tradingSymbol;
        this.tradable = t.tradable;
        this.mode = t.mode;
        this.priceScale = t.priceScale;
        this.lastPrice = t.lastPrice;
        this.lastQuantity = t.lastQuantity;
        this.averagePrice = t.averagePrice;
        this.volume = t.volume;
        this.totalBuyQuantity = t.totalBuyQuantity;
        this.totalSellQuantity = t.totalSellQuantity;
        this.open = t.open;
        this.high = t.high;
        this.low = t.low;
        this.close = t.close;
        this.change = t.change;
        this.changeGiven = t.changeGiven;
        this.lastTradeTime = t.lastTradeTime;
        this.exchangeTimestamp = t.exchangeTimestamp;
        this.receiveTimestamp = t.receiveTimestamp;
        this.feedSequence = t.feedSequence;
        this.openInterest = t.openInterest;
        this.openInterestDayHigh = t.openInterestDayHigh;
        this.openInterestDayLow = t.openInterestDayLow;
        this.openInterestChangePercent = t.openInterestChangePercent;
        this.upperCircuit = t.upperCircuit;
        this.lowerCircuit = t.lowerCircuit;
        this.week52High = t.week52High;
        this.week52Low = t.week52Low;
        this.depth = t.depth;
        this.rawPacket = t.rawPacket;
        this.ingestSequence = ingestSequence;
    }

    /** A new builder; builders are reusable, which lets parsers avoid garbage. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this tick's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.instrumentToken = instrumentToken;
        b.exchange = exchange;
        b.tradingSymbol = tradingSymbol;
        b.tradable = tradable;
        b.mode = mode;
        b.priceScale = priceScale;
        b.lastPrice = lastPrice;
        b.lastQuantity = lastQuantity;
        b.averagePrice = averagePrice;
        b.volume = volume;
        b.totalBuyQuantity = totalBuyQuantity;
        b.totalSellQuantity = totalSellQuantity;
        b.open = open;
        b.high = high;
        b.low = low;
        b.close = close;
        b.change = change;
        b.lastTradeTime = lastTradeTime;
        b.exchangeTimestamp = exchangeTimestamp;
        b.receiveTimestamp = receiveTimestamp;
        b.feedSequence = feedSequence;
        b.openInterest = openInterest;
        b.openInterestDayHigh = openInterestDayHigh;
        b.openInterestDayLow = openInterestDayLow;
        b.openInterestChangePercent = openInterestChangePercent;
        b.upperCircuit = upperCircuit;
        b.lowerCircuit = lowerCircuit;
        b.week52High = week52High;
        b.week52Low = week52Low;
        b.depth = depth;
        b.changeSet = changeGiven;
        b.rawPacket = rawPacket;
        return b;
    }

    /** This tick with an engine-assigned ingest sequence; the engine calls it once per tick. */
    public Tick withIngestSequence(long sequence) {
        return new Tick(this, sequence);
    }

    /** The numeric instrument id used for routing (Kite's instrument token; other feeds map theirs through the registry). */
    public long instrumentToken() {
        return instrumentToken;
    }

    /** The exchange, when the source knows it. */
    public Exchange exchange() {
        return exchange;
    }

    /** The trading symbol, when known (for example {@code RELIANCE}). */
    public String tradingSymbol() {
        return tradingSymbol;
    }

    /** False for indices, which cannot be traded. */
    public boolean tradable() {
        return tradable;
    }

    /** How much of the feed this tick carries. */
    public TickMode mode() {
        return mode;
    }

    /** Decimal places of every price in this tick (2 for paise, 4 for bcd/nco, 7 for cds). */
    public int priceScale() {
        return priceScale;
    }

    /** Last traded price in units of {@link #priceScale()}. */
    public long lastPrice() {
        return lastPrice;
    }

    /** Quantity of the last trade; 0 when the mode does not carry it. */
    public long lastQuantity() {
        return lastQuantity;
    }

    /** Volume-weighted average traded price for the day, in price units; 0 when absent. */
    public long averagePrice() {
        return averagePrice;
    }

    /** Cumulative traded volume for the day; 0 when absent. */
    public long volume() {
        return volume;
    }

    /** Total pending buy quantity; 0 when absent. */
    public long totalBuyQuantity() {
        return totalBuyQuantity;
    }

    /** Total pending sell quantity; 0 when absent. */
    public long totalSellQuantity() {
        return totalSellQuantity;
    }

    /** Day open in price units; 0 when absent. */
    public long open() {
        return open;
    }

    /** Day high in price units; 0 when absent. */
    public long high() {
        return high;
    }

    /** Day low in price units; 0 when absent. */
    public long low() {
        return low;
    }

    /** Previous close in price units; 0 when absent. */
    public long close() {
        return close;
    }

    /** Absolute change {@code lastPrice - close} in price units (as the feed gave it, else computed); 0 when close is absent. */
    public long change() {
        return change;
    }

    /** Time of the last trade, epoch milliseconds UTC; 0 when absent. */
    public long lastTradeTime() {
        return lastTradeTime;
    }

    /** Exchange time of this tick, epoch milliseconds UTC (Kite: whole seconds); 0 when absent. */
    public long exchangeTimestamp() {
        return exchangeTimestamp;
    }

    /** When the source received this tick, epoch milliseconds UTC from the source's clock. */
    public long receiveTimestamp() {
        return receiveTimestamp;
    }

    /** The feed's own sequence number; {@link #NO_SEQUENCE} when the feed has none. */
    public long feedSequence() {
        return feedSequence;
    }

    /** Open interest; 0 when absent. */
    public long openInterest() {
        return openInterest;
    }

    /** Day high of open interest; 0 when absent. */
    public long openInterestDayHigh() {
        return openInterestDayHigh;
    }

    /** Day low of open interest; 0 when absent. */
    public long openInterestDayLow() {
        return openInterestDayLow;
    }

    /** Change of open interest in percent as the feed gives it (Angel One); NaN when absent. */
    public double openInterestChangePercent() {
        return openInterestChangePercent;
    }

    /** Upper circuit limit in price units; 0 when absent. */
    public long upperCircuit() {
        return upperCircuit;
    }

    /** Lower circuit limit in price units; 0 when absent. */
    public long lowerCircuit() {
        return lowerCircuit;
    }

    /** 52-week high in price units; 0 when absent. */
    public long week52High() {
        return week52High;
    }

    /** 52-week low in price units; 0 when absent. */
    public long week52Low() {
        return week52Low;
    }

    /** Market depth, or null when the mode does not carry it. */
    public Depth depth() {
        return depth;
    }

    /**
     * Engine-assigned sequence, monotonic across all sources of one engine and across its restarts; 0
     * before the engine saw the tick. The engine stamps a tick it accepts in place (saving a copy per
     * tick) when its sequence is 0, and passes on a stamped copy when it already had one.
     */
    public long ingestSequence() {
        return ingestSequence;
    }

    /** Whether the feed gave an exchange timestamp. */
    public boolean hasExchangeTimestamp() {
        return exchangeTimestamp != 0;
    }

    /** The time candles and lateness use: the exchange timestamp when present, else the receive time. */
    public long eventTime() {
        return exchangeTimestamp != 0 ? exchangeTimestamp : receiveTimestamp;
    }

    /** Percent change against the previous close, {@code (last - close) * 100 / close}; 0 without a close. */
    public double changePercent() {
        return close == 0 ? 0.0 : (double) (lastPrice - close) * 100.0 / close;
    }

    /** The last price as an exact decimal. */
    public BigDecimal lastPriceDecimal() {
        return Prices.toBigDecimal(lastPrice, priceScale);
    }

    /** The last price as a double: a convenience for display, never for storage. */
    public double lastPriceAsDouble() {
        return Prices.toDouble(lastPrice, priceScale);
    }

    /** Whether the source kept the raw packet bytes. */
    public boolean hasRawPacket() {
        return rawPacket != null;
    }

    /** A read-only view of the raw packet bytes as received, or null when not kept. */
    public ByteBuffer rawPacket() {
        return rawPacket == null ? null : ByteBuffer.wrap(rawPacket).asReadOnlyBuffer();
    }

    /** A copy of the raw packet bytes, or null when not kept. */
    public byte[] rawPacketBytes() {
        return rawPacket == null ? null : rawPacket.clone();
    }

    /** {@code EXCHANGE:SYMBOL} when both are known, else the instrument token. */
    public String displayName() {
        if (tradingSymbol == null) {
            return Long.toString(instrumentToken);
        }
        return exchange == null ? tradingSymbol : exchange.name() + ':' + tradingSymbol;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tick)) {
            return false;
        }
        Tick t = (Tick) o;
        return instrumentToken == t.instrumentToken
                && Objects.equals(exchange, t.exchange)
                && Objects.equals(tradingSymbol, t.tradingSymbol)
                && tradable == t.tradable
                && Objects.equals(mode, t.mode)
                && priceScale == t.priceScale
                && lastPrice == t.lastPrice
                && lastQuantity == t.lastQuantity
                && averagePrice == t.averagePrice
                && volume == t.volume
                && totalBuyQuantity == t.totalBuyQuantity
                && totalSellQuantity == t.totalSellQuantity
                && open == t.open
                && high == t.high
                && low == t.low
                && close == t.close
                && change == t.change
                && lastTradeTime == t.lastTradeTime
                && exchangeTimestamp == t.exchangeTimestamp
                && receiveTimestamp == t.receiveTimestamp
                && feedSequence == t.feedSequence
                && openInterest == t.openInterest
                && openInterestDayHigh == t.openInterestDayHigh
                && openInterestDayLow == t.openInterestDayLow
                && Double.compare(openInterestChangePercent, t.openInterestChangePercent) == 0
                && upperCircuit == t.upperCircuit
                && lowerCircuit == t.lowerCircuit
                && week52High == t.week52High
                && week52Low == t.week52Low
                && Objects.equals(depth, t.depth)
                && ingestSequence == t.ingestSequence
                && Arrays.equals(rawPacket, t.rawPacket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instrumentToken, lastPrice, volume, exchangeTimestamp, receiveTimestamp, ingestSequence);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(128).append("Tick{").append(displayName())
                .append(", mode=").append(mode).append(", last=");
        Prices.appendTo(sb, lastPrice, priceScale).append(", volume=").append(volume);
        if (exchangeTimestamp != 0) {
            sb.append(", exchangeTs=").append(exchangeTimestamp);
        }
        return sb.append(", receivedTs=").append(receiveTimestamp).append(", seq=").append(ingestSequence)
                .append('}').toString();
    }

    /**
     * Builds ticks. Reusable: {@link #build()} leaves the values in place, {@link #reset()} clears
     * them. Not thread-safe.
     */
    public static final class Builder {
        private long instrumentToken;
        private Exchange exchange;
        private String tradingSymbol;
        private boolean tradable;
        private TickMode mode = TickMode.LTP;
        private int priceScale = 2;
        private long lastPrice;
        private long lastQuantity;
        private long averagePrice;
        private long volume;
        private long totalBuyQuantity;
        private long totalSellQuantity;
        private long open;
        private long high;
        private long low;
        private long close;
        private long change;
        private long lastTradeTime;
        private long exchangeTimestamp;
        private long receiveTimestamp;
        private long feedSequence = NO_SEQUENCE;
        private long openInterest;
        private long openInterestDayHigh;
        private long openInterestDayLow;
        private double openInterestChangePercent = Double.NaN;
        private long upperCircuit;
        private long lowerCircuit;
        private long week52High;
        private long week52Low;
        private Depth depth;
        private boolean changeSet;
        private byte[] rawPacket;

        private Builder() {
        }

        public Builder instrumentToken(long instrumentToken) {
            this.instrumentToken = instrumentToken;
            return this;
        }

        public Builder exchange(Exchange exchange) {
            this.exchange = exchange;
            return this;
        }

        public Builder tradingSymbol(String tradingSymbol) {
            this.tradingSymbol = tradingSymbol;
            return this;
        }

        public Builder tradable(boolean tradable) {
            this.tradable = tradable;
            return this;
        }

        public Builder mode(TickMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder priceScale(int priceScale) {
            Prices.checkScale(priceScale);
            this.priceScale = priceScale;
            return this;
        }

        public Builder lastPrice(long lastPrice) {
            this.lastPrice = lastPrice;
            return this;
        }

        public Builder lastQuantity(long lastQuantity) {
            this.lastQuantity = lastQuantity;
            return this;
        }

        public Builder averagePrice(long averagePrice) {
            this.averagePrice = averagePrice;
            return this;
        }

        public Builder volume(long volume) {
            this.volume = volume;
            return this;
        }

        public Builder totalBuyQuantity(long totalBuyQuantity) {
            this.totalBuyQuantity = totalBuyQuantity;
            return this;
        }

        public Builder totalSellQuantity(long totalSellQuantity) {
            this.totalSellQuantity = totalSellQuantity;
            return this;
        }

        public Builder open(long open) {
            this.open = open;
            return this;
        }

        public Builder high(long high) {
            this.high = high;
            return this;
        }

        public Builder low(long low) {
            this.low = low;
            return this;
        }

        public Builder close(long close) {
            this.close = close;
            return this;
        }

        public Builder change(long change) {
            this.change = change;
            this.changeSet = true;
            return this;
        }

        public Builder lastTradeTime(long lastTradeTime) {
            this.lastTradeTime = lastTradeTime;
            return this;
        }

        public Builder exchangeTimestamp(long exchangeTimestamp) {
            this.exchangeTimestamp = exchangeTimestamp;
            return this;
        }

        public Builder receiveTimestamp(long receiveTimestamp) {
            this.receiveTimestamp = receiveTimestamp;
            return this;
        }

        public Builder feedSequence(long feedSequence) {
            this.feedSequence = feedSequence;
            return this;
        }

        public Builder openInterest(long openInterest) {
            this.openInterest = openInterest;
            return this;
        }

        public Builder openInterestDayHigh(long openInterestDayHigh) {
            this.openInterestDayHigh = openInterestDayHigh;
            return this;
        }

        public Builder openInterestDayLow(long openInterestDayLow) {
            this.openInterestDayLow = openInterestDayLow;
            return this;
        }

        public Builder openInterestChangePercent(double openInterestChangePercent) {
            this.openInterestChangePercent = openInterestChangePercent;
            return this;
        }

        public Builder upperCircuit(long upperCircuit) {
            this.upperCircuit = upperCircuit;
            return this;
        }

        public Builder lowerCircuit(long lowerCircuit) {
            this.lowerCircuit = lowerCircuit;
            return this;
        }

        public Builder week52High(long week52High) {
            this.week52High = week52High;
            return this;
        }

        public Builder week52Low(long week52Low) {
            this.week52Low = week52Low;
            return this;
        }

        public Builder depth(Depth depth) {
            this.depth = depth;
            return this;
        }

        /** Keeps the raw packet bytes; the array is owned by the tick from now on and must not change. */
        public Builder rawPacket(byte[] rawPacket) {
            this.rawPacket = rawPacket;
            return this;
        }

        /** Clears every value back to its default. */
        public Builder reset() {
            instrumentToken = 0;
            exchange = null;
            tradingSymbol = null;
            tradable = false;
            mode = TickMode.LTP;
            priceScale = 2;
            lastPrice = 0;
            lastQuantity = 0;
            averagePrice = 0;
            volume = 0;
            totalBuyQuantity = 0;
            totalSellQuantity = 0;
            open = 0;
            high = 0;
            low = 0;
            close = 0;
            change = 0;
            lastTradeTime = 0;
            exchangeTimestamp = 0;
            receiveTimestamp = 0;
            feedSequence = NO_SEQUENCE;
            openInterest = 0;
            openInterestDayHigh = 0;
            openInterestDayLow = 0;
            openInterestChangePercent = Double.NaN;
            upperCircuit = 0;
            lowerCircuit = 0;
            week52High = 0;
            week52Low = 0;
            depth = null;
            changeSet = false;
            rawPacket = null;
            return this;
        }

        /**
         * Creates the tick.
         *
         * @throws NullPointerException when the mode is null
         */
        public Tick build() {
            Objects.requireNonNull(mode, "mode");
            return new Tick(this, 0);
        }
    }
}
