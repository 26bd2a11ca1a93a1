package io.tickengine.kite.ws.internal;

import io.tickengine.kite.ws.KiteOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Puts the credentials where Kite wants them, the URL's query, and keeps the token out of logs. */
final class Credentials {
    private static final String MASK = "****";

    private Credentials() {
    }

    /** The connection URL: {@code url?api_key=...&access_token=...}, both URL-encoded. */
    static URI uri(KiteOptions options) {
        return URI.create(options.url() + "?api_key=" + encode(options.apiKey()) + "&access_token="
                + encode(options.accessToken()));
    }

    /** {@code text} with every occurrence of the token, plain or encoded, masked. */
    static String redact(String text, String accessToken) {
        return text == null ? "" : text.replace(accessToken, MASK).replace(encode(accessToken), MASK);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
