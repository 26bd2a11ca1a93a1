package io.tickengine.server.config;

/**
 * Which market data feeds the server runs ({@code FEED}). Each feed without credentials runs in demo
 * mode on its local simulator. Unset, it follows the credentials: Angel One's alone give ANGELONE, both
 * brokers' give BOTH, otherwise KITE.
 */
public enum Feed {
    /** Zerodha Kite's WebSocket, or the Kite simulator in demo mode (no credentials). */
    KITE,
    /** Angel One's SmartAPI WebSocket 2.0, or the Angel One simulator in demo mode (no credentials). */
    ANGELONE,
    /** Kite and Angel One into one engine; an instrument both carry is subscribed on Kite. */
    BOTH,
    /** No built-in feed: only the sources an embedding application adds. */
    NONE;

    /** Whether this choice runs the Kite feed. */
    public boolean kite() {
        return this == KITE || this == BOTH;
    }

    /** Whether this choice runs the Angel One feed. */
    public boolean angelOne() {
        return this == ANGELONE || this == BOTH;
    }
}
