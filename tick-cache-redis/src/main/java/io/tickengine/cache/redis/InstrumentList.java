package io.tickengine.cache.redis;

import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.instrument.Instrument;
import java.util.List;
import java.util.function.Function;

/** The instrument lists cached for a fast start (seed 000): NSE indices and NSE stocks. */
public enum InstrumentList {
    /** {@code instruments:nse:indices}. */
    NSE_INDICES("instruments:nse:indices", InstrumentRegistry::nseIndices),
    /** {@code instruments:nse:stocks}. */
    NSE_STOCKS("instruments:nse:stocks", InstrumentRegistry::nseStocks);

    private final String key;
    private final Function<InstrumentRegistry, List<Instrument>> select;

    InstrumentList(String key, Function<InstrumentRegistry, List<Instrument>> select) {
        this.key = key;
        this.select = select;
    }

    /** The key without prefix. */
    public String key() {
        return key;
    }

    /** This list's instruments in a registry. */
    public List<Instrument> from(InstrumentRegistry registry) {
        return select.apply(registry);
    }
}
