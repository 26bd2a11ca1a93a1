package io.tickengine.core.internal;

import java.net.URI;

/** URLs, and text that may hold one, made safe for logs, reports and error messages. */
public final class Redaction {
    private Redaction() {
    }

    /**
     * A URL without its user info and with its query replaced by {@code ***}: either may carry a password or a
     * token. Scheme, host, port and path stay, so the URL can still be recognised.
     */
    public static String url(URI uri) {
        StringBuilder b = new StringBuilder();
        if (uri.getScheme() != null) {
            b.append(uri.getScheme()).append(':');
        }
        if (uri.getHost() != null) {
            b.append("//").append(uri.getHost());
            if (uri.getPort() >= 0) {
                b.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            b.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            b.append("?***");
        }
        return b.toString();
    }

    /**
     * Text that may hold a URL (a setting's value, a file path, an error message quoting a URL), with user
     * info masked and everything from a {@code ?} on replaced by {@code ?***}; null stays null.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("//[^/?#]*@", "//***@").replaceAll("\\?.*", "?***");
    }
}
