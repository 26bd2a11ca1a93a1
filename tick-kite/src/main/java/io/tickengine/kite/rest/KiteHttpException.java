package io.tickengine.kite.rest;

import io.tickengine.core.TickException;

/** Kite's REST API answered with an error status, or could not be reached; the message says which. */
public class KiteHttpException extends TickException {
    private static final long serialVersionUID = 1L;

    /** Status used when no HTTP response arrived (connection refused, timeout). */
    public static final int NO_RESPONSE = 0;

    private final int status;
    private final String errorType;

    /** An error with the HTTP status and Kite's {@code error_type} (empty when unknown). */
    public KiteHttpException(String message, int status, String errorType) {
        super(message);
        this.status = status;
        this.errorType = errorType == null ? "" : errorType;
    }

    /** An error without a response, caused by {@code cause}. */
    public KiteHttpException(String message, Throwable cause) {
        super(message, cause);
        this.status = NO_RESPONSE;
        this.errorType = "";
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** Kite's {@code error_type}, for example {@code TokenException} or {@code InputException}; empty when unknown. */
    public String errorType() {
        return errorType;
    }
}
