package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.AngelOneTokens;
import io.tickengine.angelone.parse.ExchangeType;
import io.tickengine.core.instrument.InstrumentAliases;
import io.tickengine.core.instrument.InstrumentRegistry;

/** Maps core instrument ids to Angel One's (exchange type, token): registry aliases first, then synthetic ids. */
public final class TokenResolver {
    private final InstrumentAliases[] aliases;

    /** A resolver over the {@code angelone:*} namespaces of {@code registry}. */
    public TokenResolver(InstrumentRegistry registry) {
        ExchangeType[] types = ExchangeType.values();
        aliases = new InstrumentAliases[types.length];
        for (int i = 0; i < types.length; i++) {
            aliases[i] = registry.aliases(types[i].namespace());
        }
    }

    /** The subscription of {@code instrumentToken} in {@code mode}, or null when Angel One's token is unknown. */
    public Subscription resolve(long instrumentToken, AngelOneMode mode) {
        ExchangeType[] types = ExchangeType.values();
        for (int i = 0; i < types.length; i++) {
            String broker = aliases[i].brokerToken(instrumentToken);
            if (broker != null) {
                return new Subscription(instrumentToken, types[i], broker, mode);
            }
        }
        ExchangeType type = AngelOneTokens.exchangeTypeOf(instrumentToken);
        return type == null ? null
                : new Subscription(instrumentToken, type, AngelOneTokens.brokerTokenOf(instrumentToken), mode);
    }
}
