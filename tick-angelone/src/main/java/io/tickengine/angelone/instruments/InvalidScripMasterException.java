package io.tickengine.angelone.instruments;

import io.tickengine.core.TickException;

/** A scrip master that cannot be read at all: not a JSON array, unreachable, or cut off. */
public class InvalidScripMasterException extends TickException {
    private static final long serialVersionUID = 1L;

    /** Says what is wrong and where it came from. */
    public InvalidScripMasterException(String message, Throwable cause) {
        super(message, cause);
    }
}
