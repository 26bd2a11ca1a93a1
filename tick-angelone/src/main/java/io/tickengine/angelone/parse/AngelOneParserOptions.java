package io.tickengine.angelone.parse;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.Prices;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.time.Clock;
import java.util.Objects;

/**
 * Immutable options of an {@link AngelOnePacketParser}: the clock that stamps receive times, whether raw
 * packets are kept, the instrument registry whose {@code angelone:<exch_seg>} aliases map tokens to
 * instrument ids, and the price scale of {@code cde_fo} packets (unverified, so it can be changed).
 */
public final class AngelOneParserOptions {
    /** Raw packet bytes are not kept unless asked for: they cost one array per tick. */
    public static final boolean DEFAULT_KEEP_RAW_PACKETS = false;
    /** Prices arrive in paise. */
    public static final int PAISE_SCALE = 2;
    /**
     * Currency derivatives: the official clients divide every price by 100, so the default follows them;
     * Angel One does not document the scale of {@code cde_fo}, and if the feed turns out to send more
     * decimals (Kite uses 7 for currency) this option is the one place to change.
     */
    public static final int DEFAULT_CDE_FO_PRICE_SCALE = PAISE_SCALE;

    private static final AngelOneParserOptions DEFAULTS = builder().build();

    private final Clock clock;
    private final boolean keepRawPackets;
    private final InstrumentRegistry instruments;
    private final int cdeFoPriceScale;

    private AngelOneParserOptions(Builder b) {
        this.clock = b.clock;
        this.keepRawPackets = b.keepRawPackets;
        this.instruments = b.instruments;
        this.cdeFoPriceScale = b.cdeFoPriceScale;
    }

    /** The defaults: system clock, no raw packets, an empty registry (synthetic ids), paise for cde_fo. */
    public static AngelOneParserOptions create() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder mutate() {
        return new Builder().clock(clock).keepRawPackets(keepRawPackets).instruments(instruments)
                .cdeFoPriceScale(cdeFoPriceScale);
    }

    /** The clock that stamps receive times. */
    public Clock clock() {
        return clock;
    }

    /** Whether each tick keeps its packet's bytes. */
    public boolean keepRawPackets() {
        return keepRawPackets;
    }

    /** The registry holding the token aliases and the instruments that name ticks. */
    public InstrumentRegistry instruments() {
        return instruments;
    }

    /** Decimal places of {@code cde_fo} prices. */
    public int cdeFoPriceScale() {
        return cdeFoPriceScale;
    }

    /** The price scale of packets of {@code type}. */
    public int priceScale(ExchangeType type) {
        return type == ExchangeType.CDE_FO ? cdeFoPriceScale : PAISE_SCALE;
    }

    @Override
    public String toString() {
        return "AngelOneParserOptions{keepRawPackets=" + keepRawPackets + ", cdeFoPriceScale=" + cdeFoPriceScale + '}';
    }

    /** Builds {@link AngelOneParserOptions}; not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private boolean keepRawPackets = DEFAULT_KEEP_RAW_PACKETS;
        private InstrumentRegistry instruments;
        private int cdeFoPriceScale = DEFAULT_CDE_FO_PRICE_SCALE;

        private Builder() {
        }

        /** The clock that stamps receive times. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Keeps each packet's bytes on its tick. */
        public Builder keepRawPackets(boolean keepRawPackets) {
            this.keepRawPackets = keepRawPackets;
            return this;
        }

        /** The registry with the token aliases; null (the default) gives every instrument its synthetic id. */
        public Builder instruments(InstrumentRegistry instruments) {
            this.instruments = instruments;
            return this;
        }

        /** Decimal places of {@code cde_fo} prices, 0 to {@value Prices#MAX_SCALE}. */
        public Builder cdeFoPriceScale(int cdeFoPriceScale) {
            this.cdeFoPriceScale = cdeFoPriceScale;
            return this;
        }

        /**
         * The options.
         *
         * @throws InvalidConfigurationException naming the option that is wrong
         */
        public AngelOneParserOptions build() {
            Objects.requireNonNull(clock, "clock");
            if (cdeFoPriceScale < 0 || cdeFoPriceScale > Prices.MAX_SCALE) {
                throw new InvalidConfigurationException("AngelOneParserOptions.cdeFoPriceScale must be 0.."
                        + Prices.MAX_SCALE + ", was " + cdeFoPriceScale);
            }
            if (instruments == null) {
                instruments = InstrumentRegistry.empty();
            }
            return new AngelOneParserOptions(this);
        }
    }
}
