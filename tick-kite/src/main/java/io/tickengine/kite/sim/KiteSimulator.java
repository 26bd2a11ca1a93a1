package io.tickengine.kite.sim;

import io.tickengine.core.TickMode;
import io.tickengine.core.time.Clock;
import io.tickengine.kite.sim.internal.SimServer;
import io.tickengine.kite.sim.internal.SimSession;
import io.tickengine.kite.sim.internal.Streamer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Kite market data server that speaks the real protocol byte for byte: credentials in the
 * query (HTTP 403 when wrong), subscribe/unsubscribe/mode messages, at most 3000 instruments per
 * connection, binary frames of a seeded random-walk market, 1-byte heartbeats when idle, and text
 * frames. Fault injection lets tests drop, stall and corrupt connections. It listens on loopback only.
 */
public final class KiteSimulator implements AutoCloseable {
    /** Credentials the simulator accepts unless told otherwise. */
    public static final String DEFAULT_API_KEY = "sim-api-key";
    /** Access token the simulator accepts unless told otherwise. */
    public static final String DEFAULT_ACCESS_TOKEN = "sim-access-token";
    /** How often subscribed instruments tick. */
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(100);
    /** Silence after which an idle connection gets a heartbeat, as Kite does. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(KiteSimulator.class);
    private static final long START_TIMEOUT_SECONDS = 10;

    private final Builder options;
    private final SimServer server;
    private final Streamer streamer;
    private final ScheduledExecutorService ticker;
    private volatile boolean closed;

    private KiteSimulator(Builder b) {
        this.options = b;
        this.server = new SimServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), b.apiKey,
                b.accessToken, b.maxInstruments);
        this.streamer = new Streamer(server, b.seed, b.clock, b.tickInterval.toNanos(), b.heartbeatInterval.toNanos());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kite-simulator-stream");
            t.setDaemon(true);
            return t;
        });
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

    /** Open client connections. */
    public int connections() {
        return server.sessions().size();
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
        for (SimSession s : server.sessions()) {
            s.connection().closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the simulator");
        }
        LOG.info("Simulator dropped all connections");
    }

    /**
     * Makes every open connection silent (no ticks, no heartbeats) while its socket stays open: a
     * silent-dead connection. New connections are served normally.
     */
    public void stall() {
        streamer.stallAll();
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
        streamer.broadcast(frame);
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
            SimServer.send(s.connection(), "{\"type\":\"order\",\"data\":" + orderJson + "}");
        }
    }

    /** Sends {@code {"type":"message","data":text}} to every open connection. */
    public void sendMessage(String text) {
        for (SimSession s : server.sessions()) {
            SimServer.sendText(s.connection(), "message", text);
        }
    }

    /** Sends {@code {"type":"error","data":text}} to every open connection. */
    public void sendError(String text) {
        for (SimSession s : server.sessions()) {
            SimServer.sendText(s.connection(), "error", text);
        }
    }

    /**
     * Binds and starts streaming; returns once it listens.
     *
     * @throws IllegalStateException when it cannot listen
     */
    public KiteSimulator start() {
        server.start();
        try {
            if (!server.startedLatch().await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || server.startFailure() != null) {
                close();
                throw new IllegalStateException("Kite simulator could not listen", server.startFailure());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the Kite simulator", e);
        }
        long period = Math.min(options.tickInterval.toNanos(), options.heartbeatInterval.toNanos());
        ticker.scheduleAtFixedRate(streamer::run, period, period, TimeUnit.NANOSECONDS);
        LOG.info("Kite simulator listening on {}", uri());
        return this;
    }

    /** Stops streaming and closes every connection; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

        /** The only credentials the simulator accepts. */
        public Builder credentials(String apiKey, String accessToken) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
            return this;
        }

        /** Seed of the random walk. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How often subscribed instruments tick. */
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
