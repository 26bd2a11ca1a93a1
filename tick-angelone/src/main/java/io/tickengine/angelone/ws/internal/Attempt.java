package io.tickengine.angelone.ws.internal;

import io.tickengine.angelone.ws.AngelOneOptions;
import java.util.Map;

/**
 * What each connection attempt sends in its handshake; the attempts themselves are the shared loop's
 * ({@code io.tickengine.feed.ws}). Kept for Angel One's own tests of the headers.
 */
final class Attempt {
    private Attempt() {
    }

    /** The four handshake headers Angel One checks. */
    static Map<String, String> headers(AngelOneOptions options) {
        return AngelOneProtocol.headers(options);
    }
}
