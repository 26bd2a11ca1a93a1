package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.parse.ExchangeType;

/**
 * One desired subscription: the core instrument token, where Angel One knows it, and the mode.
 *
 * @param instrumentToken the core instrument id
 * @param exchangeType Angel One's exchange type
 * @param brokerToken Angel One's token
 * @param mode the subscription mode
 */
public record Subscription(long instrumentToken, ExchangeType exchangeType, String brokerToken, AngelOneMode mode) {
    /** The same instrument in another mode. */
    public Subscription withMode(AngelOneMode newMode) {
        return new Subscription(instrumentToken, exchangeType, brokerToken, newMode);
    }
}
