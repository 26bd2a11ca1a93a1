package io.tickengine.kite.rest;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.feed.ws.OptionChecks;
import java.net.URI;
import java.time.Duration;

/**
 * Immutable options of a Kite REST client: base URL, credentials and timeouts. The instruments loader
 * and the quote poller share this one model. {@link #toString()} masks the access token.
 */
public final class KiteRestOptions {
    /** Kite Connect's REST API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.kite.trade");
    /** Time allowed for a TCP connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Time allowed for a whole response; the instruments dump is several megabytes. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final String apiKey;
    private final String accessToken;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private KiteRestOptions(Builder b) {
        String url = b.baseUrl.toString();
        this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.apiKey = b.apiKey;
        this.accessToken = b.accessToken;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
    }

    /** A builder starting from the defaults; api key and access token must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder mutate() {
        return new Builder().baseUrl(baseUrl).apiKey(apiKey).accessToken(accessToken).connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout);
    }

    /** The API's base URL without a trailing slash, for example {@code https://api.kite.trade}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The Kite Connect api key. */
    public String apiKey() {
        return apiKey;
    }

    /** The access token; secret, never logged. */
    public String accessToken() {
        return accessToken;
    }

    /** Time allowed for a TCP connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time allowed for a whole response. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The {@code Authorization} header value, {@code token api_key:access_token}; secret. */
    public String authorization() {
        return "token " + apiKey + ':' + accessToken;
    }

    /** Masks the access token. */
    @Override
    public String toString() {
        return "KiteRestOptions{baseUrl=" + baseUrl + ", apiKey=" + apiKey + ", accessToken=****, connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + '}';
    }

    /** Builds {@link KiteRestOptions}; not thread-safe. */
    public static final class Builder {
        private static final OptionChecks CHECK = OptionChecks.of("KiteRestOptions");

        private URI baseUrl = DEFAULT_BASE_URL;
        private String apiKey;
        private String accessToken;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {
        }

        /** The API's base URL ({@code http://} or {@code https://}), for example a simulator's. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The Kite Connect api key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The day's access token. */
        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        /** Time allowed for a TCP connection. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Time allowed for a whole response. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * The options.
         *
         * @throws InvalidConfigurationException naming the first option that is missing or out of range
         */
        public KiteRestOptions build() {
            CHECK.url(baseUrl, "baseUrl", "http", "");
            CHECK.text(apiKey, "apiKey");
            CHECK.text(accessToken, "accessToken");
            CHECK.positive(connectTimeout, "connectTimeout");
            CHECK.positive(requestTimeout, "requestTimeout");
            return new KiteRestOptions(this);
        }
    }
}
