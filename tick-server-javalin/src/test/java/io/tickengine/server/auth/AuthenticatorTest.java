package io.tickengine.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tokens the authenticator must refuse: unsigned, signed with an algorithm not configured (either way
 * round), not yet valid, expired, or for another issuer or audience. The JWKS URL is never fetched here:
 * RS256 acceptance against a real key server is {@code JwksAuthIT}.
 */
class AuthenticatorTest {
    static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!";
    static final URI UNUSED_JWKS = URI.create("http://127.0.0.1:9/.well-known/jwks.json");
    static RSAKey rsa;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("key-1").generate();
    }

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

    static String rs(JWTClaimsSet c) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), c);
        jwt.sign(new RSASSASigner(rsa));
        return jwt.serialize();
    }

    @Test
    void shouldAcceptAValidHs256Token() throws Exception {
        Principal p = hs256().authenticate(hs(claims().claim("roles", List.of("admin")).build()), null);
        assertThat(p.subject()).isEqualTo("user_123");
        assertThat(p.admin()).isTrue();
    }

    @Test
    void shouldRefuseUnsignedTokens() throws Exception {
        String plain = new PlainJWT(claims().build()).serialize();
        assertThatThrownBy(() -> hs256().authenticate(plain, null)).isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("Authentication failed:");
        // "alg": "none" with a signature part that a lax parser might ignore.
        String[] signed = hs(claims().build()).split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + signed[1] + "." + signed[2];
        assertThatThrownBy(() -> hs256().authenticate(none, null)).isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("Authentication failed:");
    }

    @Test
    void shouldRefuseHs256WhenOnlyJwksIsConfiguredAndRs256WhenOnlyASecretIs() throws Exception {
        Authenticator jwksOnly = Authenticator.create(ServerOptions.builder().jwtJwksUrl(UNUSED_JWKS).build());
        assertThatThrownBy(() -> jwksOnly.authenticate(hs(claims().build()), null))
                .isInstanceOf(AuthenticationException.class).hasMessage("Authentication failed: algorithm HS256 not accepted");
        // The classic confusion: HMAC keyed with the RSA public key, which anyone can fetch from the JWKS.
        String withPublicKey = hs(claims().build(), rsa.toRSAPublicKey().getEncoded());
        assertThatThrownBy(() -> jwksOnly.authenticate(withPublicKey, null))
                .hasMessage("Authentication failed: algorithm HS256 not accepted");
        Authenticator both = Authenticator.create(ServerOptions.builder().jwtHs256Secret(SECRET).jwtJwksUrl(UNUSED_JWKS)
                .build());
        assertThatThrownBy(() -> both.authenticate(withPublicKey, null)).isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("Authentication failed:");

        assertThatThrownBy(() -> hs256().authenticate(rs(claims().build()), null))
                .isInstanceOf(AuthenticationException.class).hasMessage("Authentication failed: algorithm RS256 not accepted");
    }

    @Test
    void shouldRefuseTokensNotYetValidOrExpiredOrWithoutExpiry() throws Exception {
        assertThatThrownBy(() -> hs256().authenticate(hs(claims().notBeforeTime(in(600)).build()), null))
                .isInstanceOf(AuthenticationException.class).hasMessageStartingWith("Authentication failed:");
        assertThat(hs256().authenticate(hs(claims().notBeforeTime(in(-600)).build()), null).subject())
                .isEqualTo("user_123");
        assertThatThrownBy(() -> hs256().authenticate(hs(claims().expirationTime(in(-600)).build()), null))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.EXPIRED);
        assertThatThrownBy(() -> hs256().authenticate(hs(new JWTClaimsSet.Builder().subject("u").build()), null))
                .isInstanceOf(AuthenticationException.class).hasMessageStartingWith("Authentication failed:");
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
