package io.tickengine.core;

/** Thrown when a price text or value cannot be represented exactly at the requested scale. */
public class InvalidPriceException extends TickException {
    private static final long serialVersionUID = 1L;

    public InvalidPriceException(String message) {
        super(message);
    }
}
