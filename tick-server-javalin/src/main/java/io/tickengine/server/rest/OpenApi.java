package io.tickengine.server.rest;

import io.tickengine.server.internal.Tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3.1 document served at {@code /openapi.json} from the endpoint table in
 * {@link ApiCatalog}, the one place that describes every REST route, so the document cannot drift from
 * a second hand-written copy.
 */
public final class OpenApi {
    /** The OpenAPI version written. */
    public static final String VERSION = "3.1.0";

    private OpenApi() {
    }

    /** The document as JSON. */
    public static String json(List<ApiEndpoint> endpoints, String serverVersion) {
        return Tree.json(document(endpoints, serverVersion));
    }

    /** The document as a tree of maps and lists. */
    public static Map<String, Object> document(List<ApiEndpoint> endpoints, String serverVersion) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", VERSION);
        doc.put("info", Map.of("title", "tickengine server", "version", serverVersion,
                "description", "Real-time Indian market data: REST beside the /ws/* WebSocket API. Prices are exact decimals."));
        Map<String, Object> paths = new TreeMap<>();
        for (ApiEndpoint e : endpoints) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(e.path(), k -> new LinkedHashMap<>());
            item.put(e.method(), operation(e));
        }
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", Map.of("Problem", problemSchema()));
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("bearerJwt", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT",
                "description", "HS256 with the shared secret or RS256 against the JWKS URL; claims sub, email, name, roles"));
        schemes.put("apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-API-Key"));
        components.put("securitySchemes", schemes);
        doc.put("components", components);
        return doc;
    }

    private static Map<String, Object> operation(ApiEndpoint e) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(e.tag()));
        op.put("summary", e.summary());
        op.put("operationId", e.method() + e.path().replaceAll("[^A-Za-z0-9]+", "_"));
        List<Object> params = new ArrayList<>();
        for (ApiEndpoint.Param p : e.params()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("in", p.in());
            m.put("required", p.required());
            m.put("description", p.description());
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", p.type());
            if (p.format() != null) {
                schema.put("format", p.format());
            }
            m.put("schema", schema);
            params.add(m);
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (!e.security().equals("none")) {
            op.put("security", List.of(Map.of("bearerJwt", List.of()), Map.of("apiKey", List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        new TreeMap<>(e.responses()).forEach((code, answer) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("description", answer.description());
            r.put("content", Map.of(answer.mediaType(), Map.of("schema", answer.schema())));
            responses.put(String.valueOf(code), r);
        });
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("type", Map.of("type", "string"));
        props.put("title", Map.of("type", "string"));
        props.put("status", Map.of("type", "integer"));
        props.put("detail", Map.of("type", "string"));
        props.put("instance", Map.of("type", "string"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("description", "RFC 9457 problem details");
        s.put("properties", props);
        s.put("required", List.of("title", "status"));
        return s;
    }
}
