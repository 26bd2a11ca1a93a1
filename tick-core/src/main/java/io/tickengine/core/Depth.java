package io.tickengine.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * Market depth: bid and offer levels, best first, each with a price (fixed-point at the tick's
 * scale), a quantity and an order count. Immutable; feeds give five levels, Angel One's Depth-20
 * mode twenty. A side holds at most {@link #MAX_LEVELS} levels, so every codec and store can carry any
 * depth a tick holds.
 */
public final class Depth {
    /** The most levels a side may hold: far above any feed's 20, and what one byte counts. */
    public static final int MAX_LEVELS = 255;

    private final long[] bidPrices;
    private final long[] bidQuantities;
    private final int[] bidOrders;
    private final long[] askPrices;
    private final long[] askQuantities;
    private final int[] askOrders;

    private Depth(Builder b) {
        this.bidPrices = Arrays.copyOf(b.bidPrices, b.bids);
        this.bidQuantities = Arrays.copyOf(b.bidQuantities, b.bids);
        this.bidOrders = Arrays.copyOf(b.bidOrders, b.bids);
        this.askPrices = Arrays.copyOf(b.askPrices, b.asks);
        this.askQuantities = Arrays.copyOf(b.askQuantities, b.asks);
        this.askOrders = Arrays.copyOf(b.askOrders, b.asks);
    }

    /**
     * A builder holding up to {@code maxLevels} levels per side.
     *
     * @throws IllegalArgumentException unless {@code 1 <= maxLevels <= }{@link #MAX_LEVELS}
     */
    public static Builder builder(int maxLevels) {
        return new Builder(maxLevels);
    }

    /** Number of bid levels present. */
    public int bidLevels() {
        return bidPrices.length;
    }

    /** Number of offer levels present. */
    public int askLevels() {
        return askPrices.length;
    }

    public long bidPrice(int level) {
        return bidPrices[level];
    }

    public long bidQuantity(int level) {
        return bidQuantities[level];
    }

    public int bidOrders(int level) {
        return bidOrders[level];
    }

    public long askPrice(int level) {
        return askPrices[level];
    }

    public long askQuantity(int level) {
        return askQuantities[level];
    }

    public int askOrders(int level) {
        return askOrders[level];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Depth)) {
            return false;
        }
        Depth d = (Depth) o;
        return Arrays.equals(bidPrices, d.bidPrices) && Arrays.equals(bidQuantities, d.bidQuantities)
                && Arrays.equals(bidOrders, d.bidOrders) && Arrays.equals(askPrices, d.askPrices)
                && Arrays.equals(askQuantities, d.askQuantities) && Arrays.equals(askOrders, d.askOrders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bidPrices), Arrays.hashCode(askPrices),
                Arrays.hashCode(bidQuantities), Arrays.hashCode(askQuantities));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Depth{bids=[");
        for (int i = 0; i < bidLevels(); i++) {
            sb.append(i == 0 ? "" : ", ").append(bidPrices[i]).append('x').append(bidQuantities[i])
                    .append('/').append(bidOrders[i]);
        }
        sb.append("], asks=[");
        for (int i = 0; i < askLevels(); i++) {
            sb.append(i == 0 ? "" : ", ").append(askPrices[i]).append('x').append(askQuantities[i])
                    .append('/').append(askOrders[i]);
        }
        return sb.append("]}").toString();
    }

    /** Collects levels in order, best first; reusable after {@link #clear()}. */
    public static final class Builder {
        private final long[] bidPrices;
        private final long[] bidQuantities;
        private final int[] bidOrders;
        private final long[] askPrices;
        private final long[] askQuantities;
        private final int[] askOrders;
        private int bids;
        private int asks;

        private Builder(int maxLevels) {
            if (maxLevels < 1 || maxLevels > MAX_LEVELS) {
                throw new IllegalArgumentException("maxLevels must be 1 to " + MAX_LEVELS + ", was " + maxLevels);
            }
            bidPrices = new long[maxLevels];
            bidQuantities = new long[maxLevels];
            bidOrders = new int[maxLevels];
            askPrices = new long[maxLevels];
            askQuantities = new long[maxLevels];
            askOrders = new int[maxLevels];
        }

        /** Appends the next bid level. */
        public Builder bid(long price, long quantity, int orders) {
            if (bids == bidPrices.length) {
                throw new IllegalStateException("more than " + bidPrices.length + " bid levels");
            }
            bidPrices[bids] = price;
            bidQuantities[bids] = quantity;
            bidOrders[bids++] = orders;
            return this;
        }

        /** Appends the next offer level. */
        public Builder ask(long price, long quantity, int orders) {
            if (asks == askPrices.length) {
                throw new IllegalStateException("more than " + askPrices.length + " ask levels");
            }
            askPrices[asks] = price;
            askQuantities[asks] = quantity;
            askOrders[asks++] = orders;
            return this;
        }

        /** Forgets all levels so the builder can be reused. */
        public Builder clear() {
            bids = 0;
            asks = 0;
            return this;
        }

        public Depth build() {
            return new Depth(this);
        }
    }
}
