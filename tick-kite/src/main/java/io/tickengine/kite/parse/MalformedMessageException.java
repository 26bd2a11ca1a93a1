package io.tickengine.kite.parse;

import io.tickengine.core.TickException;

/** A Kite JSON text message that is not valid JSON or lacks the fields its kind needs. */
public class MalformedMessageException extends TickException {
    private static final long serialVersionUID = 1L;

    /** A malformed message with a reason that never contains credentials. */
    public MalformedMessageException(String message) {
        super(message);
    }

    /** A malformed message with a reason and the parser's exception. */
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
