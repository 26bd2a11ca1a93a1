package io.tickengine.feed.ws;

import io.tickengine.core.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The checks the feeds' option builders run in {@code build()}, so that every options class words its
 * failures the same way: {@code Owner.option must ...}, as an {@link InvalidConfigurationException}.
 */
public final class OptionChecks {
    private final String owner;

    private OptionChecks(String owner) {
        this.owner = owner;
    }

    /** Checks for the options class named {@code owner}, which prefixes every message. */
    public static OptionChecks of(String owner) {
        return new OptionChecks(Objects.requireNonNull(owner, "owner"));
    }

    /**
     * Fails with {@code message} unless {@code ok}.
     *
     * @throws InvalidConfigurationException when not {@code ok}
     */
    public void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidConfigurationException(owner + "." + message);
        }
    }

    /** Requires a positive duration. */
    public void positive(Duration d, String option) {
        require(d != null && !d.isNegative() && !d.isZero(), option + " must be a positive duration, was " + d);
    }

    /** Requires non-blank text. */
    public void text(String value, String option) {
        require(value != null && !value.isBlank(), option + " is required");
    }

    /**
     * Requires a URL with {@code scheme} or its secure variant ({@code ws}/{@code wss}, {@code http}/{@code
     * https}) and no query; {@code queryRule}, when not empty, says why the query must stay empty.
     */
    public void url(URI url, String option, String scheme, String queryRule) {
        require(url != null, option + " is required");
        String actual = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        require(actual.equals(scheme) || actual.equals(scheme + "s"),
                option + " must be " + scheme + ":// or " + scheme + "s://, was " + url);
        require(url.getRawQuery() == null, option + " must not carry a query" + (queryRule.isEmpty() ? "" : "; " + queryRule));
    }
}
