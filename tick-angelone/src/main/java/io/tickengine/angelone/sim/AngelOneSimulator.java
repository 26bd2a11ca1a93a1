package io.tickengine.angelone.sim;

import io.tickengine.angelone.parse.AngelOneMode;
import io.tickengine.angelone.sim.internal.SimCredentials;
import io.tickengine.angelone.sim.internal.AngelOneSimProtocol;
import io.tickengine.angelone.sim.internal.SimSession;
import io.tickengine.angelone.sim.internal.Streamer;
import io.tickengine.angelone.sim.internal.SyntheticMarket;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.sim.SimRunner;
import io.tickengine.feed.ws.sim.SimSocketServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Angel One SmartAPI WebSocket 2.0 server on loopback: the four auth headers checked (HTTP 401
 * with {@code x-error-message} when wrong), at most 3 connections per client code, subscribe and
 * unsubscribe requests with E1001/E1002 answers, {@code ping}/{@code pong}, and one binary packet per
 * subscription and round from a seeded random-walk market in each mode. Fault injection drops, stalls,
 * corrupts and refuses connections.
 */
public final class AngelOneSimulator implements AutoCloseable {
    /** Credentials the simulator accepts unless told otherwise. */
    public static final String DEFAULT_JWT = "sim-jwt";
    /** Api key the simulator accepts unless told otherwise. */
    public static final String DEFAULT_API_KEY = "sim-api-key";
    /** Client code the simulator accepts unless told otherwise. */
    public static final String DEFAULT_CLIENT_CODE = "S123456";
    /** Feed token the simulator accepts unless told otherwise. */
    public static final String DEFAULT_FEED_TOKEN = "sim-feed-token";
    /** How often subscribed instruments tick. */
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(AngelOneSimulator.class);
    private static final long START_TIMEOUT_SECONDS = 10;

    private final Builder options;
    private final AngelOneSimProtocol protocol;
    private final SimSocketServer<SimSession> server;
    private final Streamer streamer;
    private final SimRunner runner;

    private AngelOneSimulator(Builder b) {
        this.options = b;
        SimCredentials credentials = new SimCredentials(b.jwt, b.apiKey, b.clientCode, b.feedToken);
        this.protocol = new AngelOneSimProtocol(credentials, b.maxTokens);
        this.server = new SimSocketServer<>(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), protocol,
                b.maxConnections);
        this.streamer = new Streamer(server, new SyntheticMarket(b.seed, b.clock));
        this.runner = new SimRunner(server, "angelone-simulator-stream");
    }

    /** A builder with the defaults: ephemeral port, default credentials, seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** The URL to connect to, for example {@code ws://127.0.0.1:50123/smart-stream}. */
    public URI uri() {
        return URI.create("ws://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getPort()
                + "/smart-stream");
    }

    /** The JWT it accepts. */
    public String jwt() {
        return options.jwt;
    }

    /** The api key it accepts. */
    public String apiKey() {
        return options.apiKey;
    }

    /** The client code it accepts. */
    public String clientCode() {
        return options.clientCode;
    }

    /** The feed token it accepts. */
    public String feedToken() {
        return options.feedToken;
    }

    /** Handshakes received so far, refused ones included. */
    public int handshakes() {
        return server.handshakes();
    }

    /** Text pings received so far. */
    public int pings() {
        return protocol.pings();
    }

    /** Open client connections. */
    public int connections() {
        return server.sessions().size();
    }

    /** Every open connection's subscriptions merged, {@code exch_seg:token} to mode, sorted. */
    public Map<String, AngelOneMode> subscriptions() {
        Map<String, AngelOneMode> all = new TreeMap<>();
        for (SimSession s : server.sessions()) {
            s.subscriptions().forEach((k, m) -> all.put(k.toString(), m));
        }
        return all;
    }

    /** The number of tokens on each open connection. */
    public List<Integer> subscriptionSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (SimSession s : server.sessions()) {
            sizes.add(s.subscriptions().size());
        }
        return sizes;
    }

    /** Closes every connection at once, without a close handshake, like a network failure. */
    public void dropAllConnections() {
        server.dropAll("dropped by the simulator");
        LOG.info("Simulator dropped all connections");
    }

    /** Makes every open connection silent (no packets, no pongs) while its socket stays open. */
    public void stall() {
        server.stallAll();
        LOG.info("Simulator stalled all open connections");
    }

    /** Sends every open connection a 52-byte packet that claims LTP mode (whose packets are 51 bytes). */
    public void sendMalformedPacket() {
        ByteBuffer b = ByteBuffer.allocate(52);
        b.put(0, (byte) AngelOneMode.LTP.code()).put(1, (byte) 1).put(2, (byte) '1');
        sendBinary(b);
    }

    /** Sends raw bytes as one binary frame to every open connection that is not stalled. */
    public void sendBinary(ByteBuffer frame) {
        server.broadcast(frame);
    }

    /** Refuses every later handshake with HTTP 401 and {@code errorMessage}, and drops open connections. */
    public void rejectAuth(String errorMessage) {
        protocol.forceAuthError(Objects.requireNonNull(errorMessage, "errorMessage"));
        dropAllConnections();
    }

    /**
     * Binds and starts streaming; returns once it listens.
     *
     * @throws IllegalStateException when it cannot listen
     */
    public AngelOneSimulator start() {
        runner.start("Angel One simulator", START_TIMEOUT_SECONDS, streamer, options.tickInterval.toNanos());
        LOG.info("Angel One simulator listening on {}", uri());
        return this;
    }

    /** Stops streaming and closes every connection; idempotent. */
    @Override
    public void close() {
        runner.close();
    }

    /** Options of an {@link AngelOneSimulator}; {@link #start()} builds and starts one. */
    public static final class Builder {
        private int port;
        private String jwt = DEFAULT_JWT;
        private String apiKey = DEFAULT_API_KEY;
        private String clientCode = DEFAULT_CLIENT_CODE;
        private String feedToken = DEFAULT_FEED_TOKEN;
        private long seed = 1;
        private Duration tickInterval = DEFAULT_TICK_INTERVAL;
        private int maxTokens = 1000;
        private int maxConnections = 3;
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

        /** The credentials the simulator accepts. */
        public Builder credentials(String jwt, String apiKey, String clientCode, String feedToken) {
            this.jwt = Objects.requireNonNull(jwt, "jwt");
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            this.clientCode = Objects.requireNonNull(clientCode, "clientCode");
            this.feedToken = Objects.requireNonNull(feedToken, "feedToken");
            return this;
        }

        /** Seed of the random walk. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How often subscribed instruments tick. */
        public Builder tickInterval(Duration tickInterval) {
            if (tickInterval == null || tickInterval.isNegative() || tickInterval.isZero()) {
                throw new IllegalArgumentException("tickInterval must be a positive duration, was " + tickInterval);
            }
            this.tickInterval = tickInterval;
            return this;
        }

        /** Tokens allowed per connection before E1002; Angel One allows 1000. */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Open connections allowed per client code; Angel One allows 3. */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** The clock of exchange timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the simulator and starts it. */
        public AngelOneSimulator start() {
            return new AngelOneSimulator(this).start();
        }
    }
}
