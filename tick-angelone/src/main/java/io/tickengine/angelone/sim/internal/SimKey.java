package io.tickengine.angelone.sim.internal;

import io.tickengine.angelone.parse.ExchangeType;

/**
 * An instrument as Angel One names it.
 *
 * @param type the exchange type
 * @param token the broker token
 */
public record SimKey(ExchangeType type, String token) {
    @Override
    public String toString() {
        return type.wireName() + ':' + token;
    }
}
