package io.tickengine.server.internal;

/** Text about settings made safe for logs and error messages. */
public final class Redact {
    private Redact() {
    }

    /**
     * A URL (or file path) without its user info and query, which may carry a password or a token;
     * other text is returned as it is.
     */
    public static String url(String urlOrPath) {
        if (urlOrPath == null) {
            return null;
        }
        return urlOrPath.replaceAll("//[^/?#]*@", "//***@").replaceAll("\\?.*", "?***");
    }
}
