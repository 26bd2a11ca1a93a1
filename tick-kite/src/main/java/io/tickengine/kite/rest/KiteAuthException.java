package io.tickengine.kite.rest;

/**
 * Kite refused the api key or access token (HTTP 403). Retrying cannot help: a new access token is
 * needed (they expire at 06:00 IST the next day).
 */
public class KiteAuthException extends KiteHttpException {
    private static final long serialVersionUID = 1L;

    /** A refusal with Kite's message and {@code error_type}. */
    public KiteAuthException(String message, String errorType) {
        super(message, 403, errorType);
    }
}
