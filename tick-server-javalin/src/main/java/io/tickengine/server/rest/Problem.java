package io.tickengine.server.rest;

import io.javalin.http.Context;
import io.tickengine.server.internal.Tree;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes RFC 9457 problem details: type, title, status, detail, instance. */
public final class Problem {
    private Problem() {
    }

    public static void send(Context ctx, int status, String title, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "about:blank");
        m.put("title", title);
        m.put("status", (long) status);
        m.put("detail", detail);
        m.put("instance", ctx.path());
        ctx.status(status).contentType("application/problem+json").result(Tree.json(m));
    }

    /** Thrown by handlers for a 400 with a detail; the app maps it to a problem. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String detail) {
            super(detail);
        }
    }

    /** Thrown by handlers for a 404 with a detail. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String detail) {
            super(detail);
        }
    }
}
