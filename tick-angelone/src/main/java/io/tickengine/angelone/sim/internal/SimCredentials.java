package io.tickengine.angelone.sim.internal;

/**
 * The credentials the simulator accepts.
 *
 * @param jwt the login JWT (sent as {@code Bearer <jwt>})
 * @param apiKey the api key
 * @param clientCode the client code
 * @param feedToken the feed token
 */
public record SimCredentials(String jwt, String apiKey, String clientCode, String feedToken) {
    /** Angel One's {@code x-error-message} for the first wrong header, or null when all four are right. */
    String check(String authorization, String apiKeyHeader, String clientCodeHeader, String feedTokenHeader) {
        if (!("Bearer " + jwt).equals(authorization)) {
            return "Invalid Auth token";
        }
        if (!clientCode.equals(clientCodeHeader)) {
            return "Invalid Client Code";
        }
        if (!apiKey.equals(apiKeyHeader)) {
            return "Invalid API Key";
        }
        return feedToken.equals(feedTokenHeader) ? null : "Invalid Feed Token";
    }
}
