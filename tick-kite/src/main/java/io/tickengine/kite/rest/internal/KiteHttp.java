package io.tickengine.kite.rest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickengine.kite.rest.KiteAuthException;
import io.tickengine.kite.rest.KiteHttpException;
import io.tickengine.kite.rest.KiteRestOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * GET requests to Kite's REST API with its headers ({@code X-Kite-Version: 3}, {@code Authorization:
 * token key:token}), asking for gzip and decoding it, since {@link HttpClient} does not. Thread-safe.
 */
public final class KiteHttp {
    /** Status of a refused api key or access token. */
    public static final int FORBIDDEN = 403;
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_ERROR_BODY = 4096;

    private final KiteRestOptions options;
    private final HttpClient client;

    /** A client for {@code options}' base URL. */
    public KiteHttp(KiteRestOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The options. */
    public KiteRestOptions options() {
        return options;
    }

    /**
     * Sends {@code GET base + pathAndQuery} and returns the response with its body not yet read.
     *
     * @throws KiteHttpException when no response arrived
     */
    public HttpResponse<InputStream> get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.baseUrl() + pathAndQuery))
                .timeout(options.requestTimeout())
                .header("X-Kite-Version", "3")
                .header("Authorization", options.authorization())
                .header("Accept-Encoding", "gzip")
                .GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new KiteHttpException("no response from " + options.baseUrl() + path(pathAndQuery) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KiteHttpException("interrupted while calling " + options.baseUrl() + path(pathAndQuery), e);
        }
    }

    /** The response body, gunzipped when the server says it is gzip. */
    public static InputStream body(HttpResponse<InputStream> response) throws IOException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT);
        return encoding.contains("gzip") ? new GZIPInputStream(response.body(), 1 << 16) : response.body();
    }

    /**
     * The exception for a non-200 response: {@link KiteAuthException} for 403, else {@link KiteHttpException}
     * with Kite's message and {@code error_type} when the body is Kite's error JSON. Reads and closes the body.
     */
    public static KiteHttpException error(String what, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        String message = "";
        String type = "";
        try (InputStream in = body(response)) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            try (JsonParser p = JSON.createParser(bytes)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if ("message".equals(field)) {
                            message = p.getValueAsString("");
                        } else if ("error_type".equals(field)) {
                            type = p.getValueAsString("");
                        }
                        p.skipChildren();
                    }
                }
            } catch (IOException notJson) {
                message = "";
            }
        } catch (IOException e) {
            message = "";
        }
        String text = what + " failed with HTTP " + status + (type.isEmpty() ? "" : " " + type)
                + (message.isEmpty() ? "" : ": " + message);
        if (status == FORBIDDEN) {
            return new KiteAuthException(text + " (bad api key or expired access token; a new access token is needed)",
                    type);
        }
        return new KiteHttpException(text, status, type);
    }

    /** Drains and closes a body that is not needed. */
    public static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The connection is dropped instead of reused; nothing else to do.
        }
    }

    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
