package io.tickengine.server.config;

import io.tickengine.core.InvalidConfigurationException;

/** A configuration value is missing or malformed; {@link #key()} names the setting (for example {@code PORT}). */
public final class InvalidConfigException extends InvalidConfigurationException {
    private final String key;

    public InvalidConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The name of the setting, as an environment variable. */
    public String key() {
        return key;
    }
}
