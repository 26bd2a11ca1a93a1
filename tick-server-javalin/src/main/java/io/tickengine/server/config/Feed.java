package io.tickengine.server.config;

/** Which market data feed the server runs ({@code FEED}). */
public enum Feed {
    /** Zerodha Kite's WebSocket, or the local simulator in demo mode (no credentials). */
    KITE,
    /** No built-in feed: only the sources an embedding application adds. */
    NONE
}
