package io.tickengine.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.tickengine.server.config.ServerOptions;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks callers: JWTs signed with HS256 (shared secret) or RS256 (keys from a JWKS URL, cached and
 * refreshed when an unknown {@code kid} appears), with the issuer and audience when configured, and API
 * keys. Failures carry seed 004's reasons.
 */
public final class Authenticator {
    /** Reason when no credentials came with the request. */
    public static final String MISSING = "Missing authentication token";
    /** Reason when the token's expiry has passed. */
    public static final String EXPIRED = "Token expired";

    private final DefaultJWTProcessor<SecurityContext> hs256;
    private final DefaultJWTProcessor<SecurityContext> rs256;
    private final List<byte[]> apiKeys = new ArrayList<>();
    private final List<byte[]> adminKeys = new ArrayList<>();
    private final boolean enabled;

    private Authenticator(ServerOptions o) {
        this.enabled = o.authEnabled();
        this.hs256 = o.jwtHs256Secret() == null ? null : processor(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(o.jwtHs256Secret().getBytes(StandardCharsets.UTF_8))), o);
        if (o.jwtJwksUrl() != null) {
            try {
                JWKSource<SecurityContext> keys = JWKSourceBuilder.create(o.jwtJwksUrl().toURL()).retrying(true).build();
                this.rs256 = processor(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys), o);
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("JWT_JWKS_URL is not a URL", e);
            }
        } else {
            this.rs256 = null;
        }
        o.apiKeys().forEach(k -> apiKeys.add(k.getBytes(StandardCharsets.UTF_8)));
        o.adminApiKeys().forEach(k -> adminKeys.add(k.getBytes(StandardCharsets.UTF_8)));
    }

    public static Authenticator create(ServerOptions options) {
        return new Authenticator(options);
    }

    /** Whether any method is configured; when not, every caller is {@link Principal#ANONYMOUS}. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Authenticates a bearer token or an API key (either may be null).
     *
     * @throws AuthenticationException with a reason safe to send to the client
     */
    public Principal authenticate(String bearerToken, String apiKey) {
        if (!enabled) {
            return Principal.ANONYMOUS;
        }
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey(apiKey);
        }
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new AuthenticationException(MISSING);
        }
        return jwt(bearerToken.strip());
    }

    private Principal apiKey(String key) {
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        for (byte[] k : adminKeys) {
            if (MessageDigest.isEqual(k, given)) {
                return new Principal("api-key", null, null, List.of(Principal.ADMIN));
            }
        }
        for (byte[] k : apiKeys) {
            if (MessageDigest.isEqual(k, given)) {
                return new Principal("api-key", null, null, List.of("service"));
            }
        }
        throw new AuthenticationException("Authentication failed: unknown API key");
    }

    private Principal jwt(String token) {
        JWSAlgorithm alg;
        try {
            alg = JWSObject.parse(token).getHeader().getAlgorithm();
        } catch (ParseException e) {
            throw new AuthenticationException("Authentication failed: malformed token");
        }
        DefaultJWTProcessor<SecurityContext> p = JWSAlgorithm.HS256.equals(alg) ? hs256
                : JWSAlgorithm.RS256.equals(alg) ? rs256 : null;
        if (p == null) {
            throw new AuthenticationException("Authentication failed: algorithm " + alg + " not accepted");
        }
        try {
            JWTClaimsSet c = p.process(token, null);
            Object roles = c.getClaim("roles");
            List<String> r = new ArrayList<>();
            if (roles instanceof List<?> l) {
                l.forEach(x -> r.add(String.valueOf(x)));
            } else if (roles instanceof String s) {
                r.add(s);
            }
            return new Principal(c.getSubject(), c.getStringClaim("email"), c.getStringClaim("name"), r);
        } catch (ExpiredJWTException e) {
            throw new AuthenticationException(EXPIRED);
        } catch (BadJOSEException | JOSEException | ParseException e) {
            throw new AuthenticationException("Authentication failed: " + e.getMessage());
        }
    }

    /**
     * A processor that needs {@code sub} and {@code exp}, checks {@code nbf}, and, when configured, the issuer
     * and the audience.
     */
    private static DefaultJWTProcessor<SecurityContext> processor(JWSVerificationKeySelector<SecurityContext> keys,
                                                                  ServerOptions o) {
        Set<String> required = new HashSet<>(Set.of("sub", "exp"));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (o.jwtIssuer() != null) {
            exact.issuer(o.jwtIssuer());
            required.add("iss");
        }
        if (o.jwtAudience() != null) {
            required.add("aud");
        }
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(keys);
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(o.jwtAudience(), exact.build(), required));
        return p;
    }
}
