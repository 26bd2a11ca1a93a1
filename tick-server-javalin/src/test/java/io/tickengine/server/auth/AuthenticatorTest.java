package io.tickengine.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens the authenticator accepts and refuses, without a network. */
class AuthenticatorTest {
    static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!";

    static Authenticator hs256() {
        return Authenticator.create(ServerOptions.builder().jwtHs256Secret(SECRET).build());
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("user_123").expirationTime(in(600));
    }

    static Date in(long seconds) {
        return new Date(System.currentTimeMillis() + seconds * 1000);
    }

    static String hs(JWTClaimsSet c, byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), c);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    static String hs(JWTClaimsSet c) throws Exception {
        return hs(c, SECRET.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAcceptAValidHs256Token() throws Exception {
        Principal p = hs256().authenticate(hs(claims().claim("roles", List.of("admin")).build()), null);
        assertThat(p.subject()).isEqualTo("user_123");
        assertThat(p.admin()).isTrue();
    }

    @Test
    void shouldCheckIssuerAndAudienceWhenConfigured() throws Exception {
        Authenticator strict = Authenticator.create(ServerOptions.builder().jwtHs256Secret(SECRET)
                .jwtIssuer("https://users.example.test").jwtAudience("tickengine").build());
        JWTClaimsSet good = claims().issuer("https://users.example.test").audience(List.of("billing", "tickengine"))
                .build();
        assertThat(strict.authenticate(hs(good), null).subject()).isEqualTo("user_123");
        for (JWTClaimsSet bad : List.of(
                claims().audience("tickengine").build(),
                claims().issuer("https://evil.example.test").audience("tickengine").build(),
                claims().issuer("https://users.example.test").build(),
                claims().issuer("https://users.example.test").audience("billing").build())) {
            assertThatThrownBy(() -> strict.authenticate(hs(bad), null)).as(bad.toString())
                    .isInstanceOf(AuthenticationException.class).hasMessageStartingWith("Authentication failed:");
        }
        // Without the settings neither claim is looked at.
        assertThat(hs256().authenticate(hs(claims().issuer("anyone").audience("anything").build()), null).subject())
                .isEqualTo("user_123");
    }
}
