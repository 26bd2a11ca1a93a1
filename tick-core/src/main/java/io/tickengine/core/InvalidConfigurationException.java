package io.tickengine.core;

/** Thrown when options or configuration values are missing or out of range; the message names the key. */
public class InvalidConfigurationException extends TickException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
