package io.tickengine.server.rest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One REST endpoint as {@link OpenApi} documents it: method, path in Javalin's {@code {param}} form
 * (which is also OpenAPI's), what it does, its parameters and responses.
 *
 * @param method {@code get} or {@code post}
 * @param path the route, for example {@code /api/candles/{symbol}}
 * @param tag the group it is listed under
 * @param summary one line on what it does
 * @param security {@code none}, {@code user} (JWT or API key when auth is on) or {@code admin}
 * @param params path and query parameters
 * @param responses status code to description; 4xx/5xx answers are problem details
 * @param bodySchema the JSON schema of the 200 body
 */
public record ApiEndpoint(String method, String path, String tag, String summary, String security, List<Param> params,
                          Map<Integer, String> responses, Map<String, Object> bodySchema) {
    /**
     * A parameter.
     *
     * @param name its name
     * @param in {@code path} or {@code query}
     * @param required whether the call fails without it
     * @param type JSON schema type ({@code string} or {@code integer})
     * @param format JSON schema format such as {@code date-time}, or null
     * @param description what it means
     */
    public record Param(String name, String in, boolean required, String type, String format, String description) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(type, "type");
        }
    }

    public ApiEndpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        params = List.copyOf(params);
        responses = Map.copyOf(responses);
    }
}
