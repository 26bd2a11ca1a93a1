package io.tickengine.angelone.parse;

import io.tickengine.core.TickException;

/** A subscribe or unsubscribe request that is not the JSON Angel One expects (its answer is E1001). */
public class MalformedRequestException extends TickException {
    private static final long serialVersionUID = 1L;

    /** Says what is wrong with the request. */
    public MalformedRequestException(String message) {
        super(message);
    }
}
