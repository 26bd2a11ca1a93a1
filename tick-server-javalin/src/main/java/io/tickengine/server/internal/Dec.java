package io.tickengine.server.internal;

import io.tickengine.core.Prices;

/** An exact decimal in a message tree: fixed-point units and a scale, written without rounding. */
public record Dec(long units, int scale) {
    @Override
    public String toString() {
        return Prices.format(units, scale);
    }
}
