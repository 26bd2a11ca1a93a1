package io.tickengine.server.auth;

import java.util.List;

/**
 * Who is calling: a JWT's claims (sub, email, name, roles) or an API key's identity.
 *
 * @param subject user id or key id
 * @param email email claim, or null
 * @param name name claim, or null
 * @param roles roles; {@value #ADMIN} grants the admin endpoints
 */
public record Principal(String subject, String email, String name, List<String> roles) {
    public static final String ADMIN = "admin";
    /**
     * The caller when authentication is off (demo mode only). It has no roles: the admin endpoints
     * always need an admin API key or a token with the admin role.
     */
    public static final Principal ANONYMOUS = new Principal("anonymous", null, null, List.of());

    public Principal {
        roles = List.copyOf(roles);
    }

    public boolean admin() {
        return roles.contains(ADMIN);
    }
}
