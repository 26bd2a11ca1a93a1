package io.tickengine.kite.sim.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The api key and access token pairs the simulator accepts, on the WebSocket and the REST side alike. Thread-safe. */
public final class SimAccounts {
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** Accepts {@code accessToken} for {@code apiKey} (replacing an earlier token of that key). */
    public void add(String apiKey, String accessToken) {
        tokens.put(apiKey, accessToken);
    }

    /** Stops accepting any token of {@code apiKey}; true when the key was accepted before. */
    public boolean revoke(String apiKey) {
        return tokens.remove(apiKey) != null;
    }

    /** Whether the pair is accepted. */
    public boolean accepts(String apiKey, String accessToken) {
        return apiKey != null && accessToken != null && accessToken.equals(tokens.get(apiKey));
    }

    /** The api key of an {@code Authorization: token key:token} header whose pair is accepted, or null. */
    public String acceptedKey(String authorization) {
        String prefix = "token ";
        if (authorization == null || !authorization.startsWith(prefix)) {
            return null;
        }
        String pair = authorization.substring(prefix.length()).strip();
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String key = pair.substring(0, colon);
        return accepts(key, pair.substring(colon + 1)) ? key : null;
    }
}
