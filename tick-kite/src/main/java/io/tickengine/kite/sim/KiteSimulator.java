package io.tickengine.kite.sim;

import io.tickengine.core.TickMode;
import io.tickengine.core.time.Clock;
import io.tickengine.core.Tick;
import io.tickengine.feed.ws.sim.SimLink;
import io.tickengine.feed.ws.sim.SimRunner;
import io.tickengine.feed.ws.sim.SimSocketServer;
import io.tickengine.kite.instruments.KiteInstrumentLoader;
import io.tickengine.kite.sim.internal.SimAccounts;
import io.tickengine.kite.sim.internal.SimRest;
import io.tickengine.kite.sim.internal.KiteSimProtocol;
import io.tickengine.kite.sim.internal.SimSession;
import io.tickengine.kite.sim.internal.Streamer;
import io.tickengine.kite.sim.internal.SyntheticMarket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Kite server that speaks the real protocols. The WebSocket side: credentials in the query
 * (HTTP 403 when wrong), at most 3 connections per api key (HTTP 429 beyond; Kite's answer is
 * unverified), subscribe/unsubscribe/mode messages, at most 3000 instruments per connection, binary
 * frames of a seeded random-walk market, 1-byte heartbeats when idle, and text frames. The REST side
 * ({@link #restUri()}): the instruments CSV and the three quote endpoints over the same market. Fault
 * injection lets tests drop, stall and corrupt connections, revoke an account and fail REST calls. It
 * listens on loopback only.
 */
public final class KiteSimulator implements AutoCloseable {
    /** Credentials the simulator accepts unless told otherwise. */
    public static final String DEFAULT_API_KEY = "sim-api-key";
    /** Access token the simulator accepts unless told otherwise. */
    public static final String DEFAULT_ACCESS_TOKEN = "sim-access-token";
    /** How often each subscribed instrument ticks. */
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(100);
    /** Silence after which an idle connection gets a heartbeat, as Kite does. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** How often the streaming loop sends what fell due: instruments tick at staggered phases in between. */
    static final Duration STREAM_PERIOD = Duration.ofMillis(5);

    private static final Logger LOG = LoggerFactory.getLogger(KiteSimulator.class);
    private static final long START_TIMEOUT_SECONDS = 10;

    private final Builder options;
    private final SimAccounts accounts = new SimAccounts();
    private final SyntheticMarket market;
    private final SimSocketServer<SimSession> server;
    private final SimRest rest;
    private final Streamer streamer;
    private final SimRunner runner;

    private KiteSimulator(Builder b) {
        this.options = b;
        accounts.add(b.apiKey, b.accessToken);
        b.accounts.forEach(accounts::add);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.market = new SyntheticMarket(b.seed, b.clock);
        this.server = new SimSocketServer<>(new InetSocketAddress(loopback, b.port),
                new KiteSimProtocol(accounts, b.maxInstruments), b.maxConnectionsPerApiKey);
        this.rest = new SimRest(new InetSocketAddress(loopback, 0), accounts, market, KiteInstrumentLoader.SAMPLE_RESOURCE);
        this.streamer = new Streamer(server, market, b.tickInterval.toNanos(), b.heartbeatInterval.toNanos());
        this.runner = new SimRunner(server, "kite-simulator-stream");
    }

    /** A builder with the defaults: ephemeral port, default credentials, seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    /** The URL to connect to, without credentials, for example {@code ws://127.0.0.1:50123}. */
    public URI uri() {
        return URI.create("ws://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /** The REST base URL, for example {@code http://127.0.0.1:50124}. */
    public URI restUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + rest.port());
    }

    /** The api key it accepts. */
    public String apiKey() {
        return options.apiKey;
    }

    /** The access token it accepts. */
    public String accessToken() {
        return options.accessToken;
    }

    /** Handshakes received so far, refused ones included. */
    public int handshakes() {
        return server.handshakes();
    }

    /** Ticks sent so far over all connections (an instrument on two connections counts twice). */
    public long ticksSent() {
        return streamer.ticksSent();
    }

    /** Open client connections. */
    public int connections() {
        return server.sessions().size();
    }

    /** Open connections per api key, sorted by key. */
    public Map<String, Integer> connectionsPerApiKey() {
        Map<String, Integer> counts = new TreeMap<>();
        for (SimSession s : server.sessions()) {
            counts.merge(s.apiKey(), 1, Integer::sum);
        }
        return counts;
    }

    /** The number of instruments on each open connection of {@code apiKey}. */
    public List<Integer> subscriptionSizes(String apiKey) {
        List<Integer> sizes = new ArrayList<>();
        for (SimSession s : server.sessions()) {
            if (s.apiKey().equals(apiKey)) {
                sizes.add(s.subscriptions().size());
            }
        }
        return sizes;
    }

    /** Every open connection's subscriptions merged, token to mode. */
    public Map<Long, TickMode> subscriptions() {
        Map<Long, TickMode> all = new HashMap<>();
        for (SimSession s : server.sessions()) {
            all.putAll(s.subscriptions());
        }
        return all;
    }

    /** Closes every connection at once, without a close handshake, like a network failure. */
    public void dropAllConnections() {
        server.dropAll("dropped by the simulator");
        LOG.info("Simulator dropped all connections");
    }

    /**
     * Makes every open connection silent (no ticks, no heartbeats) while its socket stays open: a
     * silent-dead connection. New connections are served normally.
     */
    public void stall() {
        server.stallAll();
        LOG.info("Simulator stalled all open connections");
    }

    /**
     * Sends every open connection a frame that claims two packets: a valid LTP packet for token 408065,
     * then one declaring 184 bytes of which only 4 follow.
     */
    public void sendMalformedFrame() {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 8 + 2 + 4);
        b.putShort((short) 2).putShort((short) 8).putInt(408065).putInt(157370).putShort((short) 184).putInt(0);
        sendBinary(b.flip());
    }

    /** Sends raw bytes as one binary frame to every open connection that is not stalled. */
    public void sendBinary(ByteBuffer frame) {
        server.broadcast(frame);
    }

    /**
     * Stops accepting {@code apiKey}, as when its access token expires: later handshakes and REST calls get
     * HTTP 403, and its open connections are dropped.
     */
    public void revoke(String apiKey) {
        accounts.revoke(apiKey);
        for (SimSession s : server.sessions()) {
            if (s.apiKey().equals(apiKey)) {
                s.link().drop("access token revoked");
            }
        }
        LOG.info("Simulator revoked an api key and dropped its connections");
    }

    /** Makes the next {@code n} quote requests answer with HTTP {@code status} (429, 500, 503, ...). */
    public void failNextQuoteRequests(int n, int status) {
        rest.faults().failNext(n, status);
    }

    /** Every REST request answered so far, in order. */
    public List<RestCall> restCalls() {
        return rest.calls();
    }

    /** An instrument's current state in the synthetic market, as the quote endpoints would serve it. */
    public Tick marketTick(long instrumentToken, TickMode mode) {
        return market.tick(instrumentToken, Objects.requireNonNull(mode, "mode"));
    }

    /** Refuses the next {@code n} handshakes with HTTP 503 (not an auth failure: clients should retry). */
    public void rejectNextHandshakes(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        server.rejectNext(n);
    }

    /** Sends {@code {"type":"order","data":<orderJson>}} to every open connection. */
    public void sendOrderUpdate(String orderJson) {
        Objects.requireNonNull(orderJson, "orderJson");
        for (SimSession s : server.sessions()) {
            SimLink.send(s.connection(), "{\"type\":\"order\",\"data\":" + orderJson + "}");
        }
    }

    /** Sends {@code {"type":"message","data":text}} to every open connection. */
    public void sendMessage(String text) {
        for (SimSession s : server.sessions()) {
            KiteSimProtocol.sendText(s.connection(), "message", text);
        }
    }

    /** Sends {@code {"type":"error","data":text}} to every open connection. */
    public void sendError(String text) {
        for (SimSession s : server.sessions()) {
            KiteSimProtocol.sendText(s.connection(), "error", text);
        }
    }

    /**
     * Binds and starts streaming; returns once it listens.
     *
     * @throws IllegalStateException when it cannot listen
     */
    public KiteSimulator start() {
        rest.start();
        long period = Math.min(STREAM_PERIOD.toNanos(),
                Math.min(options.tickInterval.toNanos(), options.heartbeatInterval.toNanos()));
        try {
            runner.start("Kite simulator", START_TIMEOUT_SECONDS, streamer, period);
        } catch (IllegalStateException e) {
            rest.stop();
            throw e;
        }
        LOG.info("Kite simulator listening on {}", uri());
        return this;
    }

    /** Stops streaming and closes every connection; idempotent. */
    @Override
    public void close() {
        if (runner.close()) {
            rest.stop();
        }
    }

    /** Options of a {@link KiteSimulator}; {@link #start()} builds and starts one. */
    public static final class Builder {
        private int port;
        private String apiKey = DEFAULT_API_KEY;
        private String accessToken = DEFAULT_ACCESS_TOKEN;
        private long seed = 1;
        private Duration tickInterval = DEFAULT_TICK_INTERVAL;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private int maxInstruments = 3000;
        private int maxConnectionsPerApiKey = 3;
        private final Map<String, String> accounts = new HashMap<>();
        private Clock clock = Clock.system();

        private Builder() {
        }

        /** The loopback port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The main credentials the simulator accepts; {@link #account} adds more. */
        public Builder credentials(String apiKey, String accessToken) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
            return this;
        }

        /** Accepts one more account besides the main credentials, for pools over several accounts. */
        public Builder account(String apiKey, String accessToken) {
            accounts.put(Objects.requireNonNull(apiKey, "apiKey"), Objects.requireNonNull(accessToken, "accessToken"));
            return this;
        }

        /** Open connections allowed per api key; Kite allows 3. */
        public Builder maxConnectionsPerApiKey(int maxConnectionsPerApiKey) {
            if (maxConnectionsPerApiKey < 1) {
                throw new IllegalArgumentException("maxConnectionsPerApiKey must be positive, was "
                        + maxConnectionsPerApiKey);
            }
            this.maxConnectionsPerApiKey = maxConnectionsPerApiKey;
            return this;
        }

        /** Seed of the random walk. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * How often each subscribed instrument ticks. Instruments tick at staggered phases, so M of them
         * produce an even M per interval rather than a burst; a late round catches up.
         */
        public Builder tickInterval(Duration tickInterval) {
            this.tickInterval = positive(tickInterval, "tickInterval");
            return this;
        }

        /** Silence after which an idle connection gets a heartbeat. */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = positive(heartbeatInterval, "heartbeatInterval");
            return this;
        }

        /** Instruments allowed per connection; Kite allows 3000. */
        public Builder maxInstruments(int maxInstruments) {
            if (maxInstruments < 1) {
                throw new IllegalArgumentException("maxInstruments must be positive, was " + maxInstruments);
            }
            this.maxInstruments = maxInstruments;
            return this;
        }

        /** The clock of exchange timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the simulator and starts it. */
        public KiteSimulator start() {
            return new KiteSimulator(this).start();
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
            }
            return d;
        }
    }
}
