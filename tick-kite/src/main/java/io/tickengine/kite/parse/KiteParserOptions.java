package io.tickengine.kite.parse;

import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.time.Clock;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Immutable options of a {@link KiteFrameParser}: the clock that stamps receive times, whether raw
 * packets are kept, and an optional instrument lookup that names instruments and places indices.
 */
public final class KiteParserOptions {
    /** Raw packet bytes are not kept unless asked for: they cost one array per tick. */
    public static final boolean DEFAULT_KEEP_RAW_PACKETS = false;

    private static final KiteParserOptions DEFAULTS = builder().build();

    private final Clock clock;
    private final boolean keepRawPackets;
    private final LongFunction<Instrument> instrumentLookup;

    private KiteParserOptions(Builder b) {
        this.clock = b.clock;
        this.keepRawPackets = b.keepRawPackets;
        this.instrumentLookup = b.instrumentLookup;
    }

    /** The defaults: system clock, no raw packets, no instrument lookup. */
    public static KiteParserOptions create() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder mutate() {
        return new Builder().clock(clock).keepRawPackets(keepRawPackets).instrumentLookup(instrumentLookup);
    }

    /** Stamps {@link io.tickengine.core.Tick#receiveTimestamp()}. */
    public Clock clock() {
        return clock;
    }

    /** Whether each tick keeps a copy of its packet bytes. */
    public boolean keepRawPackets() {
        return keepRawPackets;
    }

    /** Finds the instrument of a token, or returns null; null when no lookup was given. */
    public LongFunction<Instrument> instrumentLookup() {
        return instrumentLookup;
    }

    @Override
    public String toString() {
        return "KiteParserOptions{keepRawPackets=" + keepRawPackets + ", instrumentLookup="
                + (instrumentLookup != null) + '}';
    }

    /** Builds {@link KiteParserOptions}; not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private boolean keepRawPackets = DEFAULT_KEEP_RAW_PACKETS;
        private LongFunction<Instrument> instrumentLookup;

        private Builder() {
        }

        /** The clock for receive timestamps; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Keeps each packet's bytes on its tick, for archives that persist them. */
        public Builder keepRawPackets(boolean keepRawPackets) {
            this.keepRawPackets = keepRawPackets;
            return this;
        }

        /**
         * Token to instrument lookup (for example the instrument registry); it gives ticks their trading
         * symbol and indices their exchange. It must be fast and thread-safe; null removes it.
         */
        public Builder instrumentLookup(LongFunction<Instrument> instrumentLookup) {
            this.instrumentLookup = instrumentLookup;
            return this;
        }

        /** The options. */
        public KiteParserOptions build() {
            return new KiteParserOptions(this);
        }
    }
}
