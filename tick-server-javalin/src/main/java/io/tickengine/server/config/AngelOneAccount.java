package io.tickengine.server.config;

/**
 * The four Angel One credentials the feed sends as headers ({@code ANGELONE_API_KEY},
 * {@code ANGELONE_CLIENT_CODE}, {@code ANGELONE_JWT}, {@code ANGELONE_FEED_TOKEN}). All are checked to be
 * printable ASCII without spaces, so they are valid header values; {@link #toString()} shows none of
 * them except the client code.
 *
 * @param apiKey the SmartAPI key (secret)
 * @param clientCode the client code (account id)
 * @param jwt the session's JWT from the login API (secret)
 * @param feedToken the feed token from the login API (secret)
 */
public record AngelOneAccount(String apiKey, String clientCode, String jwt, String feedToken) {
    /** @throws InvalidConfigException naming the setting that is missing or malformed, without its value */
    public AngelOneAccount {
        check(apiKey, "ANGELONE_API_KEY");
        check(clientCode, "ANGELONE_CLIENT_CODE");
        check(jwt, "ANGELONE_JWT");
        check(feedToken, "ANGELONE_FEED_TOKEN");
    }

    private static void check(String value, String key) {
        if (value == null || value.isEmpty()) {
            throw new InvalidConfigException(key, "is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw new InvalidConfigException(key, "must be printable ASCII without spaces (it is sent as an HTTP header)");
            }
        }
    }

    @Override
    public String toString() {
        return "AngelOneAccount{clientCode=" + clientCode + ", apiKey=***, jwt=***, feedToken=***}";
    }
}
