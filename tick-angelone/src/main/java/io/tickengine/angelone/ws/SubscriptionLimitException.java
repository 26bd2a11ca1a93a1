package io.tickengine.angelone.ws;

import io.tickengine.core.TickException;

/**
 * A subscription Angel One would refuse: more than 1000 tokens on a connection, Depth-20 outside NSE
 * cash, or more than 50 Depth-20 tokens. Nothing changed when it is thrown.
 */
public class SubscriptionLimitException extends TickException {
    private static final long serialVersionUID = 1L;

    /** Says which limit and by how much. */
    public SubscriptionLimitException(String message) {
        super(message);
    }
}
