package io.tickengine.server.config;

import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.core.TickMode;
import io.tickengine.core.candle.CandleInterval;
import io.tickengine.kite.pool.KiteAccount;
import io.tickengine.kite.ws.KiteOptions;
import io.tickengine.store.sqlite.SqliteStoreOptions;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the server is configured with, immutable and validated once. The YAML file and the
 * environment map onto this one model ({@link ConfigLoader}); the setting names are the environment
 * variables. A feed without credentials runs in demo mode against its local simulator.
 */
public final class ServerOptions {
    public static final int DEFAULT_PORT = 8080;
    public static final URI DEFAULT_KITE_REST_URL = URI.create("https://api.kite.trade");
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STALE_TICK_AGE = Duration.ofSeconds(60);
    public static final List<CandleInterval> DEFAULT_CANDLE_INTERVALS = List.of(CandleInterval.S1, CandleInterval.M1,
            CandleInterval.M5, CandleInterval.M15, CandleInterval.H1);
    /** Universe value that subscribes NSE indices and NSE EQ stocks from the registry, within capacity. */
    public static final String UNIVERSE_DEFAULT = "default";
    /** Universe value that subscribes nothing at startup; clients subscribe on demand. */
    public static final String UNIVERSE_NONE = "none";
    /** The shortest API key accepted in production. */
    public static final int MIN_PRODUCTION_API_KEY_LENGTH = 32;
    /** HS256 needs a secret of at least 256 bits. */
    public static final int MIN_HS256_SECRET_BYTES = 32;

    private final int port;
    private final Environment environment;
    private final Feed feed;
    /** Whether FEED was given; if not, {@link #mutate()} leaves it to be chosen from the credentials again. */
    private final boolean feedGiven;
    private final List<KiteAccount> kiteAccounts;
    private final URI kiteWsUrl;
    private final URI kiteRestUrl;
    private final String kiteInstruments;
    private final AngelOneAccount angelOneAccount;
    private final URI angelOneWsUrl;
    private final String angelOneScripMaster;
    private final TickMode tickMode;
    private final String universe;
    private final String redisUrl;
    private final String redisKeyPrefix;
    private final String dbUrl;
    private final String dbUsername;
    private final String dbPassword;
    private final Path sqlitePath;
    private final List<CandleInterval> candleIntervals;
    private final String jwtHs256Secret;
    private final URI jwtJwksUrl;
    private final String jwtIssuer;
    private final String jwtAudience;
    private final List<String> apiKeys;
    private final List<String> adminApiKeys;
    private final WsLimits wsLimits;
    private final Duration shutdownTimeout;
    private final Duration staleTickAge;

    private ServerOptions(Builder b, Feed feed) {
        port = b.port;
        environment = b.environment;
        this.feed = feed;
        feedGiven = b.feed != null;
        kiteAccounts = List.copyOf(b.kiteAccounts);
        kiteWsUrl = b.kiteWsUrl;
        kiteRestUrl = b.kiteRestUrl;
        kiteInstruments = b.kiteInstruments;
        angelOneAccount = b.angelOneAccount;
        angelOneWsUrl = b.angelOneWsUrl;
        angelOneScripMaster = b.angelOneScripMaster;
        tickMode = b.tickMode;
        universe = b.universe;
        redisUrl = b.redisUrl;
        redisKeyPrefix = b.redisKeyPrefix;
        dbUrl = b.dbUrl;
        dbUsername = b.dbUsername;
        dbPassword = b.dbPassword;
        sqlitePath = b.sqlitePath;
        candleIntervals = List.copyOf(b.candleIntervals);
        jwtHs256Secret = b.jwtHs256Secret;
        jwtJwksUrl = b.jwtJwksUrl;
        jwtIssuer = b.jwtIssuer;
        jwtAudience = b.jwtAudience;
        apiKeys = List.copyOf(b.apiKeys);
        adminApiKeys = List.copyOf(b.adminApiKeys);
        wsLimits = b.wsLimits;
        shutdownTimeout = b.shutdownTimeout;
        staleTickAge = b.staleTickAge;
    }

    /** The defaults: demo mode on port 8080. */
    public static ServerOptions create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder mutate() {
        Builder b = new Builder();
        b.port = port;
        b.environment = environment;
        b.feed = feedGiven ? feed : null;
        b.kiteAccounts = new ArrayList<>(kiteAccounts);
        b.kiteWsUrl = kiteWsUrl;
        b.kiteRestUrl = kiteRestUrl;
        b.kiteInstruments = kiteInstruments;
        b.angelOneAccount = angelOneAccount;
        b.angelOneWsUrl = angelOneWsUrl;
        b.angelOneScripMaster = angelOneScripMaster;
        b.tickMode = tickMode;
        b.universe = universe;
        b.redisUrl = redisUrl;
        b.redisKeyPrefix = redisKeyPrefix;
        b.dbUrl = dbUrl;
        b.dbUsername = dbUsername;
        b.dbPassword = dbPassword;
        b.sqlitePath = sqlitePath;
        b.candleIntervals = new ArrayList<>(candleIntervals);
        b.jwtHs256Secret = jwtHs256Secret;
        b.jwtJwksUrl = jwtJwksUrl;
        b.jwtIssuer = jwtIssuer;
        b.jwtAudience = jwtAudience;
        b.apiKeys = new ArrayList<>(apiKeys);
        b.adminApiKeys = new ArrayList<>(adminApiKeys);
        b.wsLimits = wsLimits;
        b.shutdownTimeout = shutdownTimeout;
        b.staleTickAge = staleTickAge;
        return b;
    }

    /** HTTP port ({@code PORT}); 0 picks a free one. */
    public int port() { return port; }

    public Environment environment() { return environment; }

    /** The feeds to run ({@code FEED}); when not set, the one(s) whose credentials are configured, else Kite. */
    public Feed feed() { return feed; }

    /** Kite accounts; several spread instruments over more connections. Empty in demo mode. */
    public List<KiteAccount> kiteAccounts() { return kiteAccounts; }

    public URI kiteWsUrl() { return kiteWsUrl; }

    public URI kiteRestUrl() { return kiteRestUrl; }

    /** URL or file path of the instruments CSV; null for the feed's own (Kite API or simulator). */
    public String kiteInstruments() { return kiteInstruments; }

    /** Angel One credentials; null in Angel One demo mode or when Angel One is not used. */
    public AngelOneAccount angelOneAccount() { return angelOneAccount; }

    /** Angel One WebSocket URL ({@code ANGELONE_WS_URL}). */
    public URI angelOneWsUrl() { return angelOneWsUrl; }

    /**
     * URL or file path of Angel One's scrip master ({@code ANGELONE_SCRIP_MASTER}); null for the official
     * one with credentials, the bundled sample in demo mode.
     */
    public String angelOneScripMaster() { return angelOneScripMaster; }

    /** Mode the feed subscribes instruments in. */
    public TickMode tickMode() { return tickMode; }

    /** {@value #UNIVERSE_DEFAULT}, {@value #UNIVERSE_NONE}, or a comma-separated list of keys or tokens. */
    public String universe() { return universe; }

    public String redisUrl() { return redisUrl; }

    /** Prepended to every Redis key and channel, so several servers (or tests) can share one Redis; default none. */
    public String redisKeyPrefix() { return redisKeyPrefix; }

    public String dbUrl() { return dbUrl; }

    public String dbUsername() { return dbUsername; }

    /** The database password; secret, never logged. */
    public String dbPassword() { return dbPassword; }

    public Path sqlitePath() { return sqlitePath; }

    /** Intervals the engine builds candles in. */
    public List<CandleInterval> candleIntervals() { return candleIntervals; }

    /** Secret, never logged; null when HS256 tokens are not accepted. */
    public String jwtHs256Secret() { return jwtHs256Secret; }

    /** Where RS256 verification keys come from; https in production, plain http allowed only outside it. */
    public URI jwtJwksUrl() { return jwtJwksUrl; }

    /** The {@code iss} every token must carry ({@code JWT_ISSUER}); null when not checked. */
    public String jwtIssuer() { return jwtIssuer; }

    /** The audience every token's {@code aud} must name ({@code JWT_AUDIENCE}); null when not checked. */
    public String jwtAudience() { return jwtAudience; }

    /** Secret, never logged. */
    public List<String> apiKeys() { return apiKeys; }

    /** Keys with the admin role; secret, never logged. */
    public List<String> adminApiKeys() { return adminApiKeys; }

    public WsLimits wsLimits() { return wsLimits; }

    public Duration shutdownTimeout() { return shutdownTimeout; }

    /** Age of the last tick past which health reports the feed degraded. */
    public Duration staleTickAge() { return staleTickAge; }

    /**
     * Demo mode: the configured feeds without credentials, served by their local simulators. The only
     * mode in which authentication may be off; {@link Feed#NONE} is never demo mode.
     */
    public boolean demo() {
        return feed != Feed.NONE && kiteDemo() == feed.kite() && angelOneDemo() == feed.angelOne();
    }

    /** The Kite feed runs on its simulator: Kite is used and has no account. */
    public boolean kiteDemo() {
        return feed.kite() && kiteAccounts.isEmpty();
    }

    /** The Angel One feed runs on its simulator: Angel One is used and has no credentials. */
    public boolean angelOneDemo() {
        return feed.angelOne() && angelOneAccount == null;
    }

    /** Whether any authentication method is configured. */
    public boolean authEnabled() {
        return jwtHs256Secret != null || jwtJwksUrl != null || !apiKeys.isEmpty() || !adminApiKeys.isEmpty();
    }

    @Override
    public String toString() {
        return "ServerOptions{port=" + port + ", environment=" + environment + ", feed=" + feed + ", accounts="
                + kiteAccounts.size() + ", angelone=" + (angelOneAccount != null) + ", demo=" + demo() + ", redis=" + (redisUrl != null) + ", db=" + (dbUrl != null)
                + ", sqlite=" + sqlitePath + ", auth=" + authEnabled() + "}";
    }

    /** Builds {@link ServerOptions}; {@link #build()} validates everything and names the bad setting. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Environment environment = Environment.DEVELOPMENT;
        private Feed feed;
        private List<KiteAccount> kiteAccounts = new ArrayList<>();
        private URI kiteWsUrl = KiteOptions.DEFAULT_URL;
        private URI kiteRestUrl = DEFAULT_KITE_REST_URL;
        private String kiteInstruments;
        private AngelOneAccount angelOneAccount;
        private URI angelOneWsUrl = AngelOneOptions.DEFAULT_URL;
        private String angelOneScripMaster;
        private TickMode tickMode = TickMode.FULL;
        private String universe = UNIVERSE_DEFAULT;
        private String redisUrl;
        private String redisKeyPrefix = "";
        private String dbUrl;
        private String dbUsername;
        private String dbPassword;
        private Path sqlitePath = SqliteStoreOptions.DEFAULT_PATH;
        private List<CandleInterval> candleIntervals = new ArrayList<>(DEFAULT_CANDLE_INTERVALS);
        private String jwtHs256Secret;
        private URI jwtJwksUrl;
        private String jwtIssuer;
        private String jwtAudience;
        private List<String> apiKeys = new ArrayList<>();
        private List<String> adminApiKeys = new ArrayList<>();
        private WsLimits wsLimits = WsLimits.defaults();
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration staleTickAge = DEFAULT_STALE_TICK_AGE;

        private Builder() {
        }

        public Builder port(int port) { this.port = port; return this; }

        public Builder environment(Environment environment) { this.environment = req(environment, "ENVIRONMENT"); return this; }

        public Builder feed(Feed feed) { this.feed = req(feed, "FEED"); return this; }

        /** Adds a Kite account. */
        public Builder kiteAccount(KiteAccount account) { kiteAccounts.add(req(account, "KITE_API_KEY")); return this; }

        public Builder kiteWsUrl(URI url) { this.kiteWsUrl = req(url, "KITE_WS_URL"); return this; }

        public Builder kiteRestUrl(URI url) { this.kiteRestUrl = req(url, "KITE_REST_URL"); return this; }

        public Builder kiteInstruments(String urlOrPath) { this.kiteInstruments = blankToNull(urlOrPath); return this; }

        /** Angel One credentials; null for none (demo mode when the Angel One feed is used). */
        public Builder angelOneAccount(AngelOneAccount account) { this.angelOneAccount = account; return this; }

        public Builder angelOneWsUrl(URI url) { this.angelOneWsUrl = req(url, "ANGELONE_WS_URL"); return this; }

        /** An http(s) URL or a file path; blank or null for the default. */
        public Builder angelOneScripMaster(String urlOrPath) {
            this.angelOneScripMaster = blankToNull(urlOrPath);
            return this;
        }

        public Builder tickMode(TickMode mode) { this.tickMode = req(mode, "TICK_MODE"); return this; }

        public Builder universe(String universe) { this.universe = req(universe, "UNIVERSE").strip(); return this; }

        public Builder redisUrl(String url) { this.redisUrl = blankToNull(url); return this; }

        public Builder redisKeyPrefix(String prefix) { this.redisKeyPrefix = prefix == null ? "" : prefix.strip(); return this; }

        public Builder dbUrl(String url) { this.dbUrl = blankToNull(url); return this; }

        public Builder dbUsername(String user) { this.dbUsername = blankToNull(user); return this; }

        public Builder dbPassword(String password) { this.dbPassword = password; return this; }

        public Builder sqlitePath(Path path) { this.sqlitePath = req(path, "SQLITE_PATH"); return this; }

        public Builder candleIntervals(List<CandleInterval> intervals) {
            this.candleIntervals = new ArrayList<>(req(intervals, "CANDLE_INTERVALS"));
            return this;
        }

        public Builder jwtHs256Secret(String secret) { this.jwtHs256Secret = blankToNull(secret); return this; }

        public Builder jwtJwksUrl(URI url) { this.jwtJwksUrl = url; return this; }

        /** The issuer tokens must name; blank or null for no check. */
        public Builder jwtIssuer(String issuer) { this.jwtIssuer = blankToNull(issuer); return this; }

        /** The audience tokens must name; blank or null for no check. */
        public Builder jwtAudience(String audience) { this.jwtAudience = blankToNull(audience); return this; }

        public Builder apiKeys(List<String> keys) { this.apiKeys = new ArrayList<>(req(keys, "API_KEYS")); return this; }

        public Builder adminApiKeys(List<String> keys) {
            this.adminApiKeys = new ArrayList<>(req(keys, "ADMIN_API_KEYS"));
            return this;
        }

        public Builder wsLimits(WsLimits limits) { this.wsLimits = req(limits, "WS_LIMITS"); return this; }

        public Builder shutdownTimeout(Duration timeout) { this.shutdownTimeout = req(timeout, "SHUTDOWN_TIMEOUT"); return this; }

        public Builder staleTickAge(Duration age) { this.staleTickAge = req(age, "HEALTH_STALE_TICK_AGE"); return this; }

        /**
         * Validates and builds.
         *
         * @throws InvalidConfigException naming the first bad setting
         */
        public ServerOptions build() {
            check(port >= 0 && port <= 65535, "PORT", "must be 0..65535, was " + port);
            check(tickMode.hasTradePrice(), "TICK_MODE", "depth (order book only) cannot be the server's subscription "
                    + "mode; use ltp, quote or full");
            Feed chosen = feed != null ? feed : angelOneAccount == null ? Feed.KITE
                    : kiteAccounts.isEmpty() ? Feed.ANGELONE : Feed.BOTH;
            checkFeed(chosen);
            check(!candleIntervals.isEmpty(), "CANDLE_INTERVALS", "needs at least one interval");
            check(jwtHs256Secret == null || jwtHs256Secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    >= MIN_HS256_SECRET_BYTES, "JWT_HS256_SECRET", "must be at least " + MIN_HS256_SECRET_BYTES + " bytes");
            String scheme = jwtJwksUrl == null || jwtJwksUrl.getScheme() == null ? null
                    : jwtJwksUrl.getScheme().toLowerCase(java.util.Locale.ROOT);
            check(jwtJwksUrl == null || "https".equals(scheme) || "http".equals(scheme), "JWT_JWKS_URL",
                    "must be an http(s) URL");
            boolean jwt = jwtHs256Secret != null || jwtJwksUrl != null;
            check(jwtIssuer == null || jwt, "JWT_ISSUER", "checks tokens, but none are accepted: set JWT_HS256_SECRET "
                    + "or JWT_JWKS_URL");
            check(jwtAudience == null || jwt, "JWT_AUDIENCE", "checks tokens, but none are accepted: set "
                    + "JWT_HS256_SECRET or JWT_JWKS_URL");
            WsLimits l = wsLimits;
            check(l.maxConnectionsPerIp() > 0, "WS_MAX_CONNECTIONS_PER_IP", "must be positive");
            check(l.maxSubscriptionsPerConnection() > 0, "WS_MAX_SUBSCRIPTIONS", "must be positive");
            check(l.maxSubscribesPerSecond() > 0, "WS_MAX_SUBSCRIBES_PER_SECOND", "must be positive");
            check(l.maxMessageBytes() >= 256, "WS_MAX_MESSAGE_BYTES", "must be at least 256");
            check(l.outboundQueue() >= 8, "WS_OUTBOUND_QUEUE", "must be at least 8");
            check(!l.slowClientTimeout().isNegative() && !l.slowClientTimeout().isZero(), "WS_SLOW_CLIENT_TIMEOUT",
                    "must be positive");
            ServerOptions o = new ServerOptions(this, chosen);
            if (environment == Environment.PRODUCTION) {
                check(!o.kiteDemo(), "KITE_API_KEY", "production needs Kite credentials (demo mode is not for production)");
                check(!o.angelOneDemo(), "ANGELONE_API_KEY",
                        "production needs Angel One credentials (demo mode is not for production)");
                check(o.authEnabled(), "JWT_HS256_SECRET",
                        "production refuses to start without authentication: set JWT_HS256_SECRET, JWT_JWKS_URL or API_KEYS");
                check(jwtJwksUrl == null || "https".equals(scheme), "JWT_JWKS_URL", "production needs an https URL "
                        + "(keys fetched over plain http could be replaced on the way)");
                checkProductionKeys(apiKeys, "API_KEYS");
                checkProductionKeys(adminApiKeys, "ADMIN_API_KEYS");
            } else if (!o.demo()) {
                // FEED=none is not demo mode: the server would serve whatever its stores or an embedder's sources hold.
                check(o.authEnabled(), "JWT_HS256_SECRET", "authentication may be off only in demo mode (the feeds "
                        + "on their simulators, no credentials; FEED=none is not demo mode): set JWT_HS256_SECRET, "
                        + "JWT_JWKS_URL or API_KEYS");
            }
            return o;
        }

        private static void checkProductionKeys(List<String> keys, String setting) {
            for (String key : keys) {
                check(key.length() >= MIN_PRODUCTION_API_KEY_LENGTH, setting,
                        "production needs API keys of at least " + MIN_PRODUCTION_API_KEY_LENGTH + " characters");
            }
        }

        /** Credentials only for feeds in use; with both feeds, both live or both demo. */
        private void checkFeed(Feed chosen) {
            check(chosen.kite() || kiteAccounts.isEmpty(), "KITE_API_KEY",
                    "is set but FEED=" + name(chosen) + " does not run Kite; use FEED=kite or both");
            check(chosen.angelOne() || angelOneAccount == null, "ANGELONE_API_KEY",
                    "is set but FEED=" + name(chosen) + " does not run Angel One; use FEED=angelone or both");
            if (chosen == Feed.BOTH) {
                check(kiteAccounts.isEmpty() || angelOneAccount != null, "ANGELONE_API_KEY", "is missing; FEED=both "
                        + "runs both feeds live or both on their simulators (no credentials at all)");
                check(!kiteAccounts.isEmpty() || angelOneAccount == null, "KITE_API_KEY", "is missing; FEED=both "
                        + "runs both feeds live or both on their simulators (no credentials at all)");
            }
        }

        private static String name(Feed f) {
            return f.name().toLowerCase(java.util.Locale.ROOT);
        }

        private static void check(boolean ok, String key, String problem) {
            if (!ok) {
                throw new InvalidConfigException(key, problem);
            }
        }

        private static <T> T req(T value, String key) {
            if (value == null) {
                throw new InvalidConfigException(key, "must not be null");
            }
            return value;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
