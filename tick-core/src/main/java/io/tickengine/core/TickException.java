package io.tickengine.core;

/** Root of every unchecked exception thrown by tickengine; subclasses say what failed. */
public class TickException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TickException(String message) {
        super(message);
    }

    public TickException(String message, Throwable cause) {
        super(message, cause);
    }
}
