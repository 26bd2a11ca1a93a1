package io.tickengine.angelone.ws;

import io.tickengine.core.TickException;

/**
 * An instrument token with no Angel One token: neither an alias in the registry's {@code angelone:*}
 * namespaces nor a decodable synthetic id. Load the scrip master first.
 */
public class UnknownInstrumentException extends TickException {
    private static final long serialVersionUID = 1L;

    /** Names the tokens that could not be mapped. */
    public UnknownInstrumentException(String message) {
        super(message);
    }
}
