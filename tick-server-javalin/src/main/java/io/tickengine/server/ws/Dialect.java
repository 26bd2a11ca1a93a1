package io.tickengine.server.ws;

/** Which WebSocket API a connection speaks. */
public enum Dialect {
    /** Seed 004: {@code /ws/ticks}, numeric tokens, lower-case actions, Kite quote field names. */
    TICKS,
    /** Seed 000: {@code /ws/indices}, {@code /ws/stocks} and their {@code /all} variants, TickDto. */
    SYMBOLS,
    /** Live candles: {@code /ws/candles}. */
    CANDLES
}
