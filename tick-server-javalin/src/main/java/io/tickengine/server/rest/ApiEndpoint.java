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
 * @param responses status code to answer, each with its media type and body schema
 */
public record ApiEndpoint(String method, String path, String tag, String summary, String security, List<Param> params,
                          Map<Integer, Response> responses) {
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

    /**
     * One answer of an endpoint.
     *
     * @param description what it means
     * @param mediaType its Content-Type, such as {@code application/json}
     * @param schema the JSON schema of its body
     */
    public record Response(String description, String mediaType, Map<String, Object> schema) {
        /** The media type of problem details (RFC 9457). */
        public static final String PROBLEM_JSON = "application/problem+json";
        /** Where {@link OpenApi} puts the problem details schema. */
        public static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

        public Response {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(schema, "schema");
        }

        /** A JSON answer. */
        public static Response json(String description, Map<String, Object> schema) {
            return new Response(description, "application/json", schema);
        }

        /** A problem details answer, what an error is unless the endpoint documents another body. */
        public static Response problem(String description) {
            return new Response(description, PROBLEM_JSON, Map.of("$ref", PROBLEM_SCHEMA));
        }
    }

    public ApiEndpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        params = List.copyOf(params);
        responses = Map.copyOf(responses);
    }
}
