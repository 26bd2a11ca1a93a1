package io.tickengine.server.config;

/** Where the server runs ({@code ENVIRONMENT}); production enforces authentication and strong keys. */
public enum Environment {
    DEVELOPMENT,
    PRODUCTION
}
