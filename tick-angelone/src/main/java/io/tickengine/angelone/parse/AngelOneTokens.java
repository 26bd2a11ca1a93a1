package io.tickengine.angelone.parse;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Stable synthetic instrument ids for Angel One tokens that have no Kite token. A numeric token below
 * 2^32 becomes {@code 2^40 + code * 2^32 + token}, so the id alone names the exchange type and token; any
 * other token becomes {@code 2^41 + code * 2^32 + crc32(token)}, reachable only through registry aliases.
 * Both lie above every Kite token (which is below 2^32), so the two never collide.
 */
public final class AngelOneTokens {
    /** Marks a decodable synthetic id (numeric token). */
    public static final long NUMERIC_BASE = 1L << 40;
    /** Marks a hashed synthetic id (token not a number below 2^32). */
    public static final long HASHED_BASE = 1L << 41;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    private AngelOneTokens() {
    }

    /** The synthetic id of {@code brokerToken} on {@code type}; the same inputs always give the same id. */
    public static long syntheticId(ExchangeType type, String brokerToken) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(brokerToken, "brokerToken");
        long numeric = numeric(brokerToken);
        long code = (long) type.code() << 32;
        if (numeric >= 0) {
            return NUMERIC_BASE | code | numeric;
        }
        CRC32 crc = new CRC32();
        crc.update(brokerToken.getBytes(StandardCharsets.US_ASCII));
        return HASHED_BASE | code | crc.getValue();
    }

    /** The exchange type a decodable synthetic id names, or null for any other id. */
    public static ExchangeType exchangeTypeOf(long instrumentToken) {
        if ((instrumentToken & ~((1L << 40) - 1)) != NUMERIC_BASE) {
            return null;
        }
        return ExchangeType.ofCode((int) ((instrumentToken >>> 32) & 0xFF));
    }

    /** The broker token a decodable synthetic id names, or null for any other id. */
    public static String brokerTokenOf(long instrumentToken) {
        return exchangeTypeOf(instrumentToken) == null ? null : Long.toString(instrumentToken & LOW_32);
    }

    /** The token as a number when it is plain decimal digits below 2^32 without a leading zero, else -1. */
    static long numeric(String token) {
        int n = token.length();
        if (n == 0 || n > 10 || (n > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= LOW_32 ? v : -1;
    }
}
