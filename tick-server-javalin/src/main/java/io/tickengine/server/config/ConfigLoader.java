package io.tickengine.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lettuce.core.RedisURI;
import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.core.internal.Redaction;
import io.tickengine.kite.pool.KiteAccount;
import io.tickengine.store.timescale.TimescaleStoreOptions;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps a YAML file and environment variables onto {@link ServerOptions}. YAML keys are the setting
 * names in any case, nested maps joined by {@code _} ({@code kite: {ws_url: ...}} is {@code KITE_WS_URL});
 * {@code kite.accounts} lists several accounts. Environment variables override the file.
 */
public final class ConfigLoader {
    /** The Angel One credentials, which go together. */
    private static final List<String> ANGELONE_CREDENTIALS = List.of("ANGELONE_API_KEY", "ANGELONE_CLIENT_CODE",
            "ANGELONE_JWT", "ANGELONE_FEED_TOKEN");
    /** Every setting, with a one-line description, for {@code --help}. */
    public static final Map<String, String> SETTINGS = settings();

    private ConfigLoader() {
    }

    /**
     * Reads the file (when not null) and the environment.
     *
     * @throws InvalidConfigException naming the first bad or missing setting
     */
    public static ServerOptions load(Map<String, String> env, Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        List<KiteAccount> accounts = new ArrayList<>();
        if (file != null) {
            readYaml(file, values, accounts);
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (SETTINGS.containsKey(e.getKey())) {
                values.put(e.getKey(), e.getValue());
            }
        }
        return fromValues(values, accounts);
    }

    private static ServerOptions fromValues(Map<String, String> v, List<KiteAccount> fileAccounts) {
        ServerOptions.Builder b = ServerOptions.builder();
        WsLimits d = WsLimits.defaults();
        opt(v, "PORT", ConfigLoader::parsePort).ifPresent(b::port);
        opt(v, "ENVIRONMENT", s -> parseEnum(Environment.class, s)).ifPresent(b::environment);
        opt(v, "FEED", s -> parseEnum(Feed.class, s)).ifPresent(b::feed);
        String apiKey = v.get("KITE_API_KEY");
        String token = v.get("KITE_ACCESS_TOKEN");
        if (present(apiKey) != present(token)) {
            String missing = present(apiKey) ? "KITE_ACCESS_TOKEN" : "KITE_API_KEY";
            throw new InvalidConfigException(missing, "is missing; KITE_API_KEY and KITE_ACCESS_TOKEN go together");
        }
        if (present(apiKey)) {
            b.kiteAccount(new KiteAccount("main", apiKey.strip(), token.strip()));
        }
        fileAccounts.forEach(b::kiteAccount);
        opt(v, "KITE_WS_URL", s -> parseUri(s, "ws", "wss")).ifPresent(b::kiteWsUrl);
        opt(v, "KITE_REST_URL", s -> parseUri(s, "http", "https")).ifPresent(b::kiteRestUrl);
        b.kiteInstruments(v.get("KITE_INSTRUMENTS"));
        b.angelOneAccount(angelOneAccount(v));
        opt(v, "ANGELONE_WS_URL", s -> parseUri(s, "ws", "wss")).ifPresent(b::angelOneWsUrl);
        b.angelOneScripMaster(opt(v, "ANGELONE_SCRIP_MASTER", ConfigLoader::parseUrlOrPath).orElse(null));
        opt(v, "TICK_MODE", s -> parseEnum(TickMode.class, s)).ifPresent(b::tickMode);
        opt(v, "UNIVERSE", Function.identity()).ifPresent(b::universe);
        opt(v, "REDIS_URL", ConfigLoader::parseRedisUrl).ifPresent(b::redisUrl);
        b.redisKeyPrefix(v.get("REDIS_KEY_PREFIX"));
        opt(v, "DB_URL", ConfigLoader::parseJdbcUrl).ifPresent(b::dbUrl);
        b.dbUsername(v.get("DB_USERNAME"));
        b.dbPassword(v.get("DB_PASSWORD"));
        opt(v, "SQLITE_PATH", Path::of).ifPresent(b::sqlitePath);
        opt(v, "CANDLE_INTERVALS", s -> list(s).stream().map(CandleInterval::parse).toList()).ifPresent(b::candleIntervals);
        b.jwtHs256Secret(v.get("JWT_HS256_SECRET"));
        opt(v, "JWT_JWKS_URL", s -> parseUri(s, "http", "https")).ifPresent(b::jwtJwksUrl);
        b.jwtIssuer(v.get("JWT_ISSUER"));
        b.jwtAudience(v.get("JWT_AUDIENCE"));
        opt(v, "API_KEYS", ConfigLoader::list).ifPresent(b::apiKeys);
        opt(v, "ADMIN_API_KEYS", ConfigLoader::list).ifPresent(b::adminApiKeys);
        b.wsLimits(new WsLimits(
                opt(v, "WS_MAX_CONNECTIONS_PER_IP", ConfigLoader::parsePositiveInt).orElse(d.maxConnectionsPerIp()),
                opt(v, "WS_MAX_SUBSCRIPTIONS", ConfigLoader::parsePositiveInt).orElse(d.maxSubscriptionsPerConnection()),
                opt(v, "WS_MAX_SUBSCRIBES_PER_SECOND", ConfigLoader::parsePositiveInt).orElse(d.maxSubscribesPerSecond()),
                opt(v, "WS_MAX_MESSAGE_BYTES", ConfigLoader::parsePositiveInt).orElse(d.maxMessageBytes()),
                opt(v, "WS_ALLOWED_ORIGINS", ConfigLoader::list).orElse(d.allowedOrigins()),
                opt(v, "WS_OUTBOUND_QUEUE", ConfigLoader::parsePositiveInt).orElse(d.outboundQueue()),
                opt(v, "WS_SLOW_CLIENT_TIMEOUT", ConfigLoader::parsePositiveDuration).orElse(d.slowClientTimeout()),
                opt(v, "RESUME_WINDOW", ConfigLoader::parseNonNegativeDuration).orElse(d.resumeWindow()),
                opt(v, "RESUME_MAX_MB", ConfigLoader::parsePositiveInt).map(mb -> (long) mb << 20)
                        .orElse(d.resumeMaxBytes())));
        opt(v, "SHUTDOWN_TIMEOUT", ConfigLoader::parsePositiveDuration).ifPresent(b::shutdownTimeout);
        opt(v, "HEALTH_STALE_TICK_AGE", ConfigLoader::parsePositiveDuration).ifPresent(b::staleTickAge);
        return b.build();
    }

    /** The four Angel One credentials, all or none; null for none. */
    private static AngelOneAccount angelOneAccount(Map<String, String> v) {
        List<String> given = ANGELONE_CREDENTIALS.stream().filter(k -> present(v.get(k))).toList();
        if (given.isEmpty()) {
            return null;
        }
        for (String key : ANGELONE_CREDENTIALS) {
            if (!given.contains(key)) {
                throw new InvalidConfigException(key, "is missing; " + String.join(", ", ANGELONE_CREDENTIALS)
                        + " go together");
            }
        }
        return new AngelOneAccount(v.get("ANGELONE_API_KEY").strip(), v.get("ANGELONE_CLIENT_CODE").strip(),
                v.get("ANGELONE_JWT").strip(), v.get("ANGELONE_FEED_TOKEN").strip());
    }

    /** An http(s) URL with a host, or any other text as a file path (read when the server starts). */
    static String parseUrlOrPath(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            parseUri(s, "http", "https");
        } else if (lower.contains("://")) {
            throw new IllegalArgumentException("use an http(s) URL or a file path");
        }
        return s;
    }

    /**
     * Reads the file into {@code values}. Errors name the file, line and column but never quote the
     * file: the parser's own messages echo the offending line, which may hold a password or a key.
     */
    private static void readYaml(Path file, Map<String, String> values, List<KiteAccount> accounts) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException("--config", file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new InvalidConfigException("--config", file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidConfigException("--config", "cannot read " + file + " ("
                    + (Files.isDirectory(file) ? "a directory" : e.getClass().getSimpleName()) + ")");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new InvalidConfigException("--config", file + " is not valid YAML" + where);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return;
        }
        if (!root.isObject()) {
            throw new InvalidConfigException("--config", file + " must hold a map of settings");
        }
        flatten("", root, values, accounts);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> values, List<KiteAccount> accounts) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            JsonNode value = e.getValue();
            if (key.equals("KITE_ACCOUNTS")) {
                readAccounts(value, accounts);
            } else if (value.isObject()) {
                if (SETTINGS.containsKey(key)) {
                    // Not flattened into KEY_CHILD: the children's names could be the keys or passwords meant as values.
                    throw new InvalidConfigException(key, "must be a value or a list, not a map");
                }
                flatten(key + "_", value, values, accounts);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                values.put(known(key), String.join(",", items));
            } else if (!value.isNull()) {
                values.put(known(key), value.asText());
            }
        }
    }

    private static void readAccounts(JsonNode list, List<KiteAccount> accounts) {
        if (!list.isArray()) {
            throw new InvalidConfigException("KITE_ACCOUNTS", "must be a list of {id, api_key, access_token}");
        }
        int i = 0;
        for (JsonNode a : list) {
            i++;
            String apiKey = a.path("api_key").asText("");
            String token = a.path("access_token").asText("");
            if (apiKey.isBlank() || token.isBlank()) {
                throw new InvalidConfigException("KITE_ACCOUNTS", "account " + i + " needs api_key and access_token");
            }
            accounts.add(new KiteAccount(a.path("id").asText("account" + i), apiKey, token));
        }
    }

    private static String known(String key) {
        if (!SETTINGS.containsKey(key)) {
            throw new InvalidConfigException(key, "is not a known setting (see --help)");
        }
        return key;
    }

    private static <T> java.util.Optional<T> opt(Map<String, String> v, String key, Function<String, T> parse) {
        String raw = v.get(key);
        if (raw == null || raw.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(parse.apply(raw.strip()));
        } catch (InvalidConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidConfigException(key, "malformed value '" + shown(key, raw) + "': " + e.getMessage());
        }
    }

    /** A value as an error may show it: secrets masked, a URL without its user info and query. */
    private static String shown(String key, String raw) {
        if (isSecret(key)) {
            return "***";
        }
        if (key.contains("URL") || key.equals("KITE_INSTRUMENTS") || key.equals("ANGELONE_SCRIP_MASTER")) {
            return Redaction.text(raw);
        }
        return raw;
    }

    private static boolean isSecret(String key) {
        return key.contains("SECRET") || key.contains("PASSWORD") || key.contains("TOKEN") || key.contains("API_KEY")
                || key.equals("ANGELONE_JWT") || key.equals("DB_URL") || key.equals("REDIS_URL"); // URLs may carry a password
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    static int parsePositiveInt(String s) {
        int n = parseInt(s);
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return n;
    }

    static int parsePort(String s) {
        int n = parseInt(s);
        if (n < 0 || n > 65_535) {
            throw new IllegalArgumentException("must be a TCP port, 0 to 65535");
        }
        return n;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String s) {
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("use one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    static URI parseUri(String s, String... schemes) {
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            // URISyntaxException's message quotes the whole input, which may carry a token in its query.
            throw new IllegalArgumentException("not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        if (uri.getScheme() == null || !Arrays.asList(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("needs a URL with scheme " + String.join(" or ", schemes) + " and a host");
        }
        return uri;
    }

    /** A PostgreSQL JDBC URL, checked when the configuration is read rather than when the store opens. */
    static String parseJdbcUrl(String s) {
        if (!s.startsWith(TimescaleStoreOptions.JDBC_URL_PREFIX)) {
            throw new IllegalArgumentException("needs a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/ticks");
        }
        return s;
    }

    /** A Redis URL as Lettuce reads it ({@code redis://}, {@code rediss://}, {@code redis-socket://}). */
    static String parseRedisUrl(String s) {
        try {
            RedisURI.create(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("needs a Redis URL such as redis://localhost:6379");
        }
        return s;
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT10S}). */
    static Duration parseDuration(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("not a duration (use 500ms, 10s, 5m, 1h)");
    }

    static Duration parsePositiveDuration(String s) {
        Duration d = parseDuration(s);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return d;
    }

    static Duration parseNonNegativeDuration(String s) {
        Duration d = parseDuration(s);
        if (d.isNegative()) {
            throw new IllegalArgumentException("must not be negative");
        }
        return d;
    }

    static List<String> list(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PORT", "HTTP port (default 8080; 0 picks a free one)");
        m.put("ENVIRONMENT", "development (default) or production (requires auth and strong keys)");
        m.put("FEED", "kite, angelone, both or none (default: the feeds with credentials, else kite); "
                + "a feed without credentials runs on its simulator");
        m.put("KITE_API_KEY", "Kite Connect api key (with KITE_ACCESS_TOKEN; more accounts under kite.accounts in the file)");
        m.put("KITE_ACCESS_TOKEN", "Kite access token of the day");
        m.put("KITE_WS_URL", "Kite WebSocket URL (default wss://ws.kite.trade)");
        m.put("KITE_REST_URL", "Kite REST base URL (default https://api.kite.trade)");
        m.put("KITE_INSTRUMENTS", "instruments CSV: Kite API URL (.../instruments or .../instruments/NSE, with the credentials), "
                + "any other http(s) URL (fetched without them) or file path (default: the feed's /instruments)");
        m.put("ANGELONE_API_KEY", "Angel One SmartAPI key (with ANGELONE_CLIENT_CODE, ANGELONE_JWT, ANGELONE_FEED_TOKEN)");
        m.put("ANGELONE_CLIENT_CODE", "Angel One client code");
        m.put("ANGELONE_JWT", "Angel One session JWT from the login API");
        m.put("ANGELONE_FEED_TOKEN", "Angel One feed token from the login API");
        m.put("ANGELONE_WS_URL", "Angel One WebSocket URL (default " + AngelOneOptions.DEFAULT_URL + ")");
        m.put("ANGELONE_SCRIP_MASTER", "Angel One scrip master JSON: URL or file path (default: the official one; "
                + "the bundled sample in demo mode)");
        m.put("TICK_MODE", "ltp, quote or full (default full; Angel One: LTP, Quote, SnapQuote)");
        m.put("UNIVERSE", "instruments subscribed at startup: default (NSE indices + NSE EQ), none, or keys/tokens");
        m.put("REDIS_URL", "Redis URL for the intraday cache (default: in-memory only)");
        m.put("REDIS_KEY_PREFIX", "prefix of every Redis key and channel, for example prod: (default none)");
        m.put("DB_URL", "PostgreSQL/TimescaleDB JDBC URL (default: SQLite)");
        m.put("DB_USERNAME", "database user");
        m.put("DB_PASSWORD", "database password");
        m.put("SQLITE_PATH", "SQLite file (default data/tickengine.db)");
        m.put("CANDLE_INTERVALS", "candle intervals, for example 1s,1m,5m (default 1s,1m,5m,15m,1h)");
        m.put("JWT_HS256_SECRET", "shared secret for HS256 tokens (at least 32 bytes)");
        m.put("JWT_JWKS_URL", "JWKS URL for RS256 tokens (https in production)");
        m.put("JWT_ISSUER", "issuer (iss) every token must carry (default: not checked)");
        m.put("JWT_AUDIENCE", "audience (aud) every token must name (default: not checked)");
        m.put("API_KEYS", "comma-separated API keys for X-API-Key");
        m.put("ADMIN_API_KEYS", "comma-separated API keys with the admin role");
        m.put("WS_MAX_CONNECTIONS_PER_IP", "WebSocket connections per IP (default 100)");
        m.put("WS_MAX_SUBSCRIPTIONS", "instruments per connection (default 3000)");
        m.put("WS_MAX_SUBSCRIBES_PER_SECOND", "subscribe and unsubscribe messages per connection per second (default 20)");
        m.put("WS_MAX_MESSAGE_BYTES", "largest client message (default 65536)");
        m.put("WS_ALLOWED_ORIGINS", "comma-separated allowed origins (default any)");
        m.put("WS_OUTBOUND_QUEUE", "messages buffered per client before conflation (default 1024)");
        m.put("WS_SLOW_CLIENT_TIMEOUT", "time a client may stay behind before close 1013 (default 10s)");
        m.put("RESUME_WINDOW", "how far back clients may resume (default 5m)");
        m.put("RESUME_MAX_MB", "heap the ticks kept for resuming may hold, oldest evicted first (default 128)");
        m.put("SHUTDOWN_TIMEOUT", "time to drain and flush on shutdown (default 30s)");
        m.put("HEALTH_STALE_TICK_AGE", "last tick age that makes health degraded (default 60s)");
        return java.util.Collections.unmodifiableMap(m);
    }
}
