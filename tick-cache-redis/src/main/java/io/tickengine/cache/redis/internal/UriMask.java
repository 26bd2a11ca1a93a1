package io.tickengine.cache.redis.internal;

/** Hides the password of a Redis URI so that it can be logged. */
public final class UriMask {
    private UriMask() {
    }

    /** The URI with any password replaced by {@code ***}; {@code redis://user:pw@host} becomes {@code redis://user:***@host}. */
    public static String mask(String uri) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = uri.indexOf('/', start);
        int at = uri.lastIndexOf('@', end < 0 ? uri.length() - 1 : end);
        String masked = uri;
        if (at >= start) {
            String userInfo = uri.substring(start, at);
            int colon = userInfo.indexOf(':');
            String safe = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
            masked = uri.substring(0, start) + safe + uri.substring(at);
        }
        return masked.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }
}
