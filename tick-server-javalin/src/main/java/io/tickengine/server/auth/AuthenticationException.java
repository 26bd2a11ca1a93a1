package io.tickengine.server.auth;

import io.tickengine.core.TickException;

/** Credentials were missing, invalid or expired; the message is safe to show the client (seed 004 reasons). */
public final class AuthenticationException extends TickException {
    public AuthenticationException(String message) {
        super(message);
    }
}
