package io.tickengine.kite.ws;

import io.tickengine.core.TickException;

/** Thrown when a subscription would put more instruments on one Kite connection than it allows (3000). */
public class TooManyInstrumentsException extends TickException {
    private static final long serialVersionUID = 1L;

    /** A rejection whose message gives the counts and the limit. */
    public TooManyInstrumentsException(String message) {
        super(message);
    }
}
