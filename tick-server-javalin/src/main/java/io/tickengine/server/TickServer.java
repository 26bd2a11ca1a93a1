package io.tickengine.server;

import io.javalin.Javalin;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import io.tickengine.angelone.instruments.AngelOneScripMaster;
import io.tickengine.angelone.instruments.InvalidScripMasterException;
import io.tickengine.angelone.pool.AngelOneTickSourcePool;
import io.tickengine.angelone.sim.AngelOneSimulator;
import io.tickengine.angelone.ws.AngelOneOptions;
import io.tickengine.cache.redis.RedisCache;
import io.tickengine.cache.redis.RedisCacheOptions;
import io.tickengine.core.TickException;
import io.tickengine.core.candle.AggregatorOptions;
import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.engine.TickEngine;
import io.tickengine.core.instrument.InstrumentRegistry;
import io.tickengine.core.internal.Redaction;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.LatestTicks;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.source.TickSource;
import io.tickengine.core.time.Clock;
import io.tickengine.kite.instruments.InstrumentLoadReport;
import io.tickengine.kite.instruments.InvalidInstrumentFileException;
import io.tickengine.kite.pool.KiteAccount;
import io.tickengine.kite.pool.KitePoolOptions;
import io.tickengine.kite.pool.KiteTickSourcePool;
import io.tickengine.kite.rest.KiteAuthException;
import io.tickengine.kite.rest.KiteHttpException;
import io.tickengine.kite.sim.KiteSimulator;
import io.tickengine.server.auth.Authenticator;
import io.tickengine.server.config.AngelOneAccount;
import io.tickengine.server.config.InvalidConfigException;
import io.tickengine.server.config.ServerOptions;
import io.tickengine.server.health.Health;
import io.tickengine.server.internal.Feeds;
import io.tickengine.server.internal.Instruments;
import io.tickengine.server.internal.StoreBackend;
import io.tickengine.server.metrics.ServerMetrics;
import io.tickengine.server.rest.ApiCatalog;
import io.tickengine.server.rest.OpenApi;
import io.tickengine.server.rest.RestRoutes;
import io.tickengine.server.ws.FeedSubscriptions;
import io.tickengine.server.ws.Hub;
import io.tickengine.server.ws.WsEndpoints;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tickengine server: the feeds (Kite, Angel One or both; each on its simulator in demo mode) through the engine into the
 * WebSocket hub, the latest-tick cache, SQLite (or PostgreSQL) and optionally Redis, with REST, health
 * and metrics on one port. Embed it with {@link #create} or {@link #builder}, then {@link #start()} and
 * {@link #stop()}; port 0 picks a free port, see {@link #port()}.
 */
public final class TickServer implements AutoCloseable {
    /** The version reported in {@code /openapi.json}. */
    public static final String VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(TickServer.class);
    /** The classpath folder of the market-watch page served at {@code /}. */
    static final String DASHBOARD_RESOURCES = "/public";
    /**
     * Jetty's WebSocket write buffer per connection, taken from its pool only while frames wait. Jetty
     * gathers at most nine queued frames per write and copies one into this buffer only when it is under a
     * quarter of the size: at Jetty's default of 4 KiB a full-mode tick (about 980 bytes) barely
     * qualifies and four fill it, so a client behind by many frames got one system call per 3.4 of them.
     * At 32 KiB nine full ticks, or batched frames up to 8 KiB, leave in one write.
     */
    static final int WS_OUTPUT_BUFFER_BYTES = 32 * 1024;

    private final ServerOptions options;
    private final Clock clock;
    private final List<TickSource> extraSources;
    private final List<Map.Entry<TickSink, SinkOptions>> extraSinks;
    private final List<Map.Entry<CandleSink, SinkOptions>> extraCandleSinks;
    private final InstrumentRegistry registry = InstrumentRegistry.empty();
    private final LatestTicks latest = new LatestTicks();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private KiteSimulator simulator;
    private AngelOneSimulator angelOneSimulator;
    private KiteTickSourcePool pool;
    private AngelOneTickSourcePool angelOnePool;
    private Feeds feeds;
    private StoreBackend store;
    private RedisCache redis;
    private TickEngine engine;
    private Hub hub;
    private WsEndpoints ws;
    private Javalin app;
    private ServerMetrics metrics;
    private Runnable refreshInstruments;
    private boolean started;
    private boolean stopped;
    /** Set first thing in {@link #stop()}: requests and upgrades on connections still open get 503. */
    private volatile boolean stopping;
    private volatile int port = -1;

    private TickServer(Builder b) {
        this.options = b.options;
        this.clock = b.clock;
        this.extraSources = List.copyOf(b.sources);
        this.extraSinks = List.copyOf(b.sinks);
        this.extraCandleSinks = List.copyOf(b.candleSinks);
    }

    /** A server with these options and no extra sources or sinks. */
    public static TickServer create(ServerOptions options) {
        return builder(options).build();
    }

    public static Builder builder(ServerOptions options) {
        return new Builder(options);
    }

    /**
     * Starts the feed, the engine and the HTTP server; returns once the port is open.
     *
     * @throws InvalidConfigException when a configured dependency is not available
     */
    public synchronized TickServer start() {
        if (started) {
            throw new IllegalStateException("server already started");
        }
        started = true;
        try {
            startAll();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    private void startAll() {
        List<KiteAccount> accounts = options.kiteAccounts();
        URI wsUrl = options.kiteWsUrl();
        URI restUrl = options.kiteRestUrl();
        if (options.kiteDemo()) {
            simulator = KiteSimulator.builder().start();
            closeables.add(simulator);
            accounts = List.of(new KiteAccount("demo", simulator.apiKey(), simulator.accessToken()));
            wsUrl = simulator.uri();
            restUrl = simulator.restUri();
            LOG.info("demo mode: Kite simulator on {} (no credentials configured)", wsUrl);
        }
        AngelOneOptions angelOneOptions = options.feed().angelOne() ? angelOneOptions() : null;
        KiteAccount first = accounts.isEmpty() ? null : accounts.get(0);
        var loader = options.feed().angelOne() && !options.feed().kite() && options.kiteInstruments() == null ? null
                : Instruments.loader(options.kiteInstruments(), options.feed().kite() ? restUrl : null, first);
        refreshInstruments = () -> {
            if (loader != null) {
                InstrumentLoadReport r = loader.loadInto(registry);
                LOG.info("instruments loaded from {}: {} ({} bad rows)", r.source(), r.loaded(),
                        r.badRows());
            }
            if (angelOneOptions != null) {
                loadScripMaster();
            }
        };
        try {
            refreshInstruments.run();
        } catch (UncheckedIOException | KiteHttpException | InvalidInstrumentFileException e) {
            throw instrumentsUnavailable(e);
        }

        store = StoreBackend.open(options);
        closeables.add(store.closeable());
        LOG.info("store: {} at {}", store.kind(), store.location());
        if (options.redisUrl() != null) {
            redis = RedisCache.create(RedisCacheOptions.builder().uri(options.redisUrl())
                    .keyPrefix(options.redisKeyPrefix()).build());
            closeables.add(redis);
        }
        if (options.feed().kite()) {
            // The server's clock stamps the feeds' frames and statuses, so health compares them with its own time.
            KitePoolOptions.Builder pb = KitePoolOptions.builder().url(wsUrl).instrumentLookup(registry::findByToken)
                    .clock(clock);
            accounts.forEach(pb::account);
            pool = KiteTickSourcePool.create(pb.build());
        }
        if (angelOneOptions != null) {
            angelOnePool = AngelOneTickSourcePool.create(angelOneOptions, AngelOneTickSourcePool.MAX_CONNECTIONS);
        }
        feeds = new Feeds(pool, angelOnePool, angelOneOptions);
        hub = new Hub(registry, latest, new FeedSubscriptions(feeds::route, options.tickMode()), options.wsLimits(), clock);

        TickEngine.Builder eb = TickEngine.builder().clock(clock)
                .candles(AggregatorOptions.builder().intervals(options.candleIntervals()).build())
                .sink(latest).sink(hub.broadcaster()).sink(store.tickSink()).candleSink(store.candleSink())
                .candleSink(hub.candleSink());
        feeds.all().forEach(eb::source);
        // The database's and Redis's sinks: their backlog is what /metrics reports as the buffer.
        Set<String> buffered = new HashSet<>(store.sinkNames());
        if (redis != null) {
            TickSink cachedTicks = redis.tickSink();
            CandleSink cachedCandles = redis.candleSink();
            eb.sink(cachedTicks).candleSink(cachedCandles);
            buffered.addAll(List.of(cachedTicks.name(), cachedCandles.name()));
        }
        extraSources.forEach(eb::source);
        extraSinks.forEach(e -> eb.sink(e.getKey(), e.getValue()));
        extraCandleSinks.forEach(e -> eb.candleSink(e.getKey(), e.getValue()));
        engine = eb.build();
        engine.start();
        List<Long> universe = Instruments.universe(registry, options.universe(), feeds.capacity());
        hub.feed().pin(universe);
        LOG.info("feed universe: {} instruments subscribed in {} mode", universe.size(), options.tickMode());

        Authenticator auth = Authenticator.create(options);
        if (!auth.enabled()) {
            LOG.warn("!!! AUTHENTICATION IS OFF: demo mode ({} on its simulator, no credentials), every client is "
                    + "accepted without the admin role; set JWT_HS256_SECRET, JWT_JWKS_URL or API_KEYS for anything "
                    + "but a demo !!!", options.feed().name().toLowerCase(java.util.Locale.ROOT));
        }
        URI jwks = options.jwtJwksUrl();
        if (jwks != null && "http".equalsIgnoreCase(jwks.getScheme()) && !loopback(jwks.getHost())) {
            LOG.warn("JWT_JWKS_URL fetches keys over plain http from {}; production refuses that, use https",
                    jwks.getHost());
        }
        metrics = new ServerMetrics(this::engineStatsSafe, hub, pool, angelOnePool, store.tickSink().name(), buffered);
        Health health = new Health(options, engine::stats, hub, feeds, redis, store, buffered, clock);
        ws = new WsEndpoints(hub, auth, options.candleIntervals());
        RestRoutes rest = new RestRoutes(registry, latest, store.ticks(), store.candles(), redis, hub, auth,
                refreshInstruments, options.candleIntervals(), clock, metrics::redisFallback);
        int maxFrame = options.wsLimits().maxMessageBytes() * 4;
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.modifyWebSocketServletFactory(f -> {
                f.setMaxTextMessageSize(maxFrame);
                f.setOutputBufferSize(WS_OUTPUT_BUFFER_BYTES);
            });
            config.staticFiles.add(DASHBOARD_RESOURCES, Location.CLASSPATH);
            config.events(e -> e.handlerAdded(h -> {
                String method = h.getHttpMethod().name();
                if (method.equals("GET") || method.equals("POST") || method.equals("PUT") || method.equals("DELETE")) {
                    routes.add(method + " " + h.getPath());
                }
            }));
        });
        app.before(ctx -> {
            if (stopping) {
                ctx.header("Connection", "close");
                ctx.status(503).result("Server shutting down");
                ctx.skipRemainingHandlers();
            }
        });
        app.wsBeforeUpgrade(ctx -> {
            if (stopping) {
                ctx.header("Connection", "close");
                throw new ServiceUnavailableResponse("Server shutting down");
            }
        });
        ws.register(app);
        rest.register(app);
        health.register(app);
        metrics.register(app);
        String openApi = OpenApi.json(ApiCatalog.endpoints(), VERSION);
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        try {
            app.start("0.0.0.0", options.port());
        } catch (JavalinBindException e) {
            throw new InvalidConfigException("PORT", "cannot listen on port " + options.port() + ": " + e.getMessage());
        }
        port = app.port();
        LOG.info("tickengine server listening on port {} ({})", port, options);
    }

    /**
     * The configuration error for an instrument master that could not be loaded at startup: the
     * {@code KITE_INSTRUMENTS} setting, or the access token Kite refused; anything else (Kite's API out of
     * reach) stays a startup failure.
     */
    private RuntimeException instrumentsUnavailable(RuntimeException e) {
        String setting = options.kiteInstruments();
        if (setting == null) {
            return e instanceof KiteAuthException ? new InvalidConfigException("KITE_ACCESS_TOKEN",
                    "Kite refused it loading the instruments: " + e.getMessage()) : e;
        }
        Throwable why = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String reason = why instanceof TickException ? why.getMessage()
                : why.getClass().getSimpleName() + (why.getMessage() == null ? "" : ": " + why.getMessage());
        // The reason may quote the URL: the same redaction as the setting's.
        return new InvalidConfigException("KITE_INSTRUMENTS", "cannot load instruments from " + Redaction.text(setting)
                + " (" + Redaction.text(reason) + ")");
    }

    /** The Angel One connection options: the configured credentials, or the simulator's in demo mode. */
    private AngelOneOptions angelOneOptions() {
        AngelOneAccount account = options.angelOneAccount();
        AngelOneOptions.Builder b = AngelOneOptions.builder().instruments(registry).clock(clock);
        if (account == null) {
            angelOneSimulator = AngelOneSimulator.builder().start();
            closeables.add(angelOneSimulator);
            LOG.info("demo mode: Angel One simulator on {} (no credentials configured)", angelOneSimulator.uri());
            return b.url(angelOneSimulator.uri()).credentials(angelOneSimulator.jwt(), angelOneSimulator.apiKey(),
                    angelOneSimulator.clientCode(), angelOneSimulator.feedToken()).build();
        }
        return b.url(options.angelOneWsUrl())
                .credentials(account.jwt(), account.apiKey(), account.clientCode(), account.feedToken()).build();
    }

    /**
     * Loads Angel One's scrip master into the registry: {@code ANGELONE_SCRIP_MASTER}, else the bundled
     * sample in demo mode or the official file.
     */
    private void loadScripMaster() {
        String setting = options.angelOneScripMaster();
        try {
            if (setting == null) {
                if (options.angelOneDemo()) {
                    AngelOneScripMaster.loadSample(registry);
                } else {
                    AngelOneScripMaster.load(AngelOneScripMaster.OFFICIAL_URL, registry);
                }
            } else if (setting.startsWith("http://") || setting.startsWith("https://")) {
                AngelOneScripMaster.load(URI.create(setting), registry);
            } else {
                Path file = Path.of(setting);
                if (!Files.isReadable(file)) {
                    throw new InvalidConfigException("ANGELONE_SCRIP_MASTER", "file " + file + " cannot be read");
                }
                AngelOneScripMaster.load(file, registry);
            }
        } catch (InvalidScripMasterException e) {
            throw new InvalidConfigException("ANGELONE_SCRIP_MASTER", Redaction.text(e.getMessage()));
        }
    }

    private static boolean loopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"));
    }

    private io.tickengine.core.engine.EngineStats engineStatsSafe() {
        return engine.stats();
    }

    /** The port the server listens on; meaningful after {@link #start()}. */
    public int port() {
        return port;
    }

    public ServerOptions options() { return options; }

    /** The HTTP routes registered, as {@code "GET /path"}; for checking the OpenAPI document. */
    public List<String> routes() { return List.copyOf(routes); }

    /** The engine; for stats and embedding. */
    public TickEngine engine() { return engine; }

    /** The instrument master in use. */
    public InstrumentRegistry registry() { return registry; }

    /** The latest tick per instrument. */
    public LatestTicks latest() { return latest; }

    /** The WebSocket hub; for stats. */
    public Hub hub() { return hub; }

    /** The Kite simulator serving demo mode, or null. */
    public KiteSimulator simulator() { return simulator; }

    /** The Angel One simulator serving demo mode, or null. */
    public AngelOneSimulator angelOneSimulator() { return angelOneSimulator; }

    /**
     * Stops accepting (the port closes; requests and upgrades on connections still open get 503), closes
     * every client with 1001, drains and flushes every sink, then closes stores and connections. Idempotent.
     *
     * @return true when every sink finished within the shutdown timeout
     */
    public synchronized boolean stop() {
        if (stopped || !started) {
            return true;
        }
        stopped = true;
        stopping = true;
        LOG.info("shutting down");
        closePort();
        if (ws != null) {
            ws.closeAll("Server shutting down");
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (!hub.sessions().isEmpty() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            }
        }
        if (app != null) {
            app.stop();
        }
        if (hub != null) {
            hub.close();
        }
        boolean clean = engine == null || engine.stop(options.shutdownTimeout());
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("failed to close {}: {}", closeables.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        LOG.info("stopped{}", clean ? "" : " with undelivered items (see sink stats)");
        return clean;
    }

    /** Closes the listening socket: new connections are refused while open ones are closed gracefully. */
    private void closePort() {
        if (app == null) {
            return;
        }
        try {
            for (Connector c : app.jettyServer().server().getConnectors()) {
                if (c instanceof NetworkConnector n) {
                    n.close();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("failed to close the listening port: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Builds a {@link TickServer} with extra sources and sinks beside the configured ones. */
    public static final class Builder {
        private final ServerOptions options;
        private Clock clock = Clock.system();
        private final List<TickSource> sources = new ArrayList<>();
        private final List<Map.Entry<TickSink, SinkOptions>> sinks = new ArrayList<>();
        private final List<Map.Entry<CandleSink, SinkOptions>> candleSinks = new ArrayList<>();

        private Builder(ServerOptions options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Adds a source beside the configured feed; it manages its own subscriptions. */
        public Builder source(TickSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        public Builder sink(TickSink sink) {
            return sink(sink, SinkOptions.defaults());
        }

        public Builder sink(TickSink sink, SinkOptions sinkOptions) {
            sinks.add(Map.entry(Objects.requireNonNull(sink, "sink"), Objects.requireNonNull(sinkOptions, "sinkOptions")));
            return this;
        }

        public Builder candleSink(CandleSink sink) {
            return candleSink(sink, SinkOptions.defaults());
        }

        public Builder candleSink(CandleSink sink, SinkOptions sinkOptions) {
            candleSinks.add(Map.entry(Objects.requireNonNull(sink, "sink"),
                    Objects.requireNonNull(sinkOptions, "sinkOptions")));
            return this;
        }

        /**
         * Builds the server.
         *
         * @throws InvalidConfigException when sources are added and authentication is off: without it the
         *         server runs only in demo mode, on the simulators' data
         */
        public TickServer build() {
            if (!sources.isEmpty() && !options.authEnabled()) {
                throw new InvalidConfigException("JWT_HS256_SECRET", "authentication may be off only in demo mode, "
                        + "and a server with sources of its own is not a demo: set JWT_HS256_SECRET, JWT_JWKS_URL or "
                        + "API_KEYS (any length outside production)");
            }
            return new TickServer(this);
        }
    }
}
