package io.tickengine.kite.pool;

import java.util.Objects;

/**
 * One Kite Connect account the pool may stream through: an id for logs and statuses, and the api key and
 * access token of the day. {@link #toString()} masks the access token.
 *
 * @param id a short name, unique within the pool, for example {@code primary}
 * @param apiKey the Kite Connect api key; Kite allows 3 connections per key
 * @param accessToken the access token; secret, never logged
 */
public record KiteAccount(String id, String apiKey, String accessToken) {
    public KiteAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(accessToken, "accessToken");
        if (id.isBlank() || apiKey.isBlank() || accessToken.isBlank()) {
            throw new IllegalArgumentException("account id, api key and access token must not be blank");
        }
    }

    /** Masks the access token. */
    @Override
    public String toString() {
        return "KiteAccount{id=" + id + ", apiKey=" + apiKey + ", accessToken=****}";
    }
}
