package io.tickengine.core.instrument;

import io.tickengine.core.internal.LongObjectMap;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One broker's token language mapped onto instrument tokens, for example Angel One's {@code "2885"} in
 * namespace {@code angelone:nse_cm}. A live view: it always answers from the namespace's latest
 * mapping, so a source may keep it for its whole life. Thread-safe; lookups never block.
 *
 * @see InstrumentRegistry#aliases(String)
 * @see InstrumentRegistry#putAliases(String, Map)
 */
public final class InstrumentAliases {
    /** What {@link #resolve(String)} returns for a broker token it does not know. */
    public static final long NO_TOKEN = -1;

    private final String namespace;
    private volatile Mapping mapping = Mapping.EMPTY;

    InstrumentAliases(String namespace) {
        this.namespace = namespace;
    }

    /** The namespace, for example {@code angelone:nse_cm}. */
    public String namespace() {
        return namespace;
    }

    /**
     * The instrument token a broker token maps to, or {@link #NO_TOKEN}. Broker tokens match exactly
     * (case-sensitive). The instrument token need not be in the current master.
     */
    public long resolve(String brokerToken) {
        Long token = mapping.forward.get(brokerToken);
        return token == null ? NO_TOKEN : token;
    }

    /**
     * The broker token for an instrument token, or null. When several broker tokens map to one
     * instrument token, the first in the iteration order of the map given to {@code putAliases}.
     */
    public String brokerToken(long instrumentToken) {
        return mapping.reverse.get(instrumentToken);
    }

    /** Number of broker tokens mapped. */
    public int size() {
        return mapping.forward.size();
    }

    /** Replaces the whole mapping at once; readers see the old one or the new one, never a mix. */
    void replace(Map<String, Long> brokerToInstrument) {
        mapping = new Mapping(brokerToInstrument);
    }

    @Override
    public String toString() {
        return "InstrumentAliases{" + namespace + ", size=" + size() + '}';
    }

    private static final class Mapping {
        static final Mapping EMPTY = new Mapping(Map.of());

        final Map<String, Long> forward;
        final LongObjectMap<String> reverse;

        Mapping(Map<String, Long> brokerToInstrument) {
            Map<String, Long> copy = new HashMap<>(brokerToInstrument.size() * 2);
            reverse = new LongObjectMap<>(brokerToInstrument.size());
            brokerToInstrument.forEach((brokerToken, instrumentToken) -> {
                Objects.requireNonNull(brokerToken, "broker token");
                Objects.requireNonNull(instrumentToken, () -> "instrument token of broker token " + brokerToken);
                if (instrumentToken == NO_TOKEN) {
                    throw new IllegalArgumentException("broker token " + brokerToken + " maps to NO_TOKEN");
                }
                copy.put(brokerToken, instrumentToken);
                if (reverse.get(instrumentToken) == null) {
                    reverse.put(instrumentToken, brokerToken);
                }
            });
            forward = copy;
        }
    }
}
