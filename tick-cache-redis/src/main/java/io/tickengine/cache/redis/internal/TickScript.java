package io.tickengine.cache.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Lua script that applies one chunk of a tick batch inside Redis: history entries (XADD with an
 * explicit ID, or RPUSH in the legacy layout), EXPIRE NX of the history keys it touched, SET of the
 * latest ticks and PUBLISH of the buffered frames. One EVALSHA carries what would otherwise be
 * thousands of commands, so neither side pays per-command overhead. XADDs refused because the stream
 * already has a later ID are counted, not fatal; the script returns that count.
 *
 * <p>KEYS: the {@code h} history keys, then the latest-tick keys. ARGV: {@code h, historyTtlSeconds,
 * latestTtlMillis, g, mode ("s" stream, "l" list), x}, then {@code x} indices of history keys to
 * EXPIRE NX, then {@code g} groups {@code keyIndex, c} each followed by {@code c} pairs {@code id, value}
 * (entries of one key, in order), then one value per latest key, then {@code p} and {@code p} pairs
 * {@code channel, frame}.
 */
public final class TickScript {
    /** The script text. */
    public static final String SOURCE = String.join("\n",
            "local h = tonumber(ARGV[1])",
            "local g = tonumber(ARGV[4])",
            "local list = ARGV[5] == 'l'",
            "local x = tonumber(ARGV[6])",
            "local stale = 0",
            "local a = 7 + x",
            "for i = 1, g do",
            "  local k = KEYS[tonumber(ARGV[a])]",
            "  local c = tonumber(ARGV[a + 1])",
            "  a = a + 2",
            "  for j = 1, c do",
            "    if list then",
            "      redis.call('RPUSH', k, ARGV[a + 1])",
            "    else",
            "      local r = redis.pcall('XADD', k, ARGV[a], 'd', ARGV[a + 1])",
            "      if type(r) == 'table' and r.err then",
            "        if string.find(r.err, 'equal or smaller', 1, true) then",
            "          stale = stale + 1",
            "        else",
            "          return redis.error_reply(r.err)",
            "        end",
            "      end",
            "    end",
            "    a = a + 2",
            "  end",
            "end",
            "for i = 7, 6 + x do",
            "  redis.call('EXPIRE', KEYS[tonumber(ARGV[i])], ARGV[2], 'NX')",
            "end",
            "for i = h + 1, #KEYS do",
            "  redis.call('SET', KEYS[i], ARGV[a], 'PX', ARGV[3])",
            "  a = a + 1",
            "end",
            "local p = tonumber(ARGV[a])",
            "a = a + 1",
            "for i = 1, p do",
            "  redis.call('PUBLISH', ARGV[a], ARGV[a + 1])",
            "  a = a + 2",
            "end",
            "return stale");

    /** The SHA-1 digest EVALSHA refers to. */
    public static final String SHA = sha1(SOURCE);

    private static final byte[][] SMALL = new byte[4096][];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private TickScript() {
    }

    /** The ASCII digits of a number, cached for small ones. */
    public static byte[] number(long value) {
        return value >= 0 && value < SMALL.length ? SMALL[(int) value]
                : Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha1(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(40);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
