package io.tickengine.kite.instruments;

import io.tickengine.core.TickException;

/** The instruments master cannot be read at all (its header lacks a column, or nothing could be read). */
public class InvalidInstrumentFileException extends TickException {
    private static final long serialVersionUID = 1L;

    /** An error whose message names what is missing. */
    public InvalidInstrumentFileException(String message) {
        super(message);
    }
}
