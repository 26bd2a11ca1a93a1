package io.tickengine.cache.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tickengine.cache.redis.internal.RedisConnector;
import io.tickengine.core.Tick;
import io.tickengine.core.TickMode;
import io.tickengine.core.codec.MalformedTickFrameException;
import io.tickengine.core.codec.TickCodec;
import io.tickengine.core.source.Backoff;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.source.SourceState;
import io.tickengine.core.source.SourceStatus;
import io.tickengine.core.source.TickListener;
import io.tickengine.core.source.TickSource;
import io.tickengine.core.time.Clock;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TickSource} fed by the ticks another instance's {@link RedisTickSink} publishes, so edge
 * servers can serve clients while one instance holds the broker connections. {@link #subscribe} and
 * {@link #unsubscribe} map to SUBSCRIBE and UNSUBSCRIBE of {@code ticks:{token}} channels;
 * {@link #subscribeAll()} pattern-subscribes {@code ticks:*}. The first connection is retried under
 * the {@link ReconnectPolicy}; after that Lettuce reconnects and resubscribes by itself, also across
 * a Redis restart. The tick mode of a subscription is ignored: ticks arrive as the publisher had them.
 */
public final class RedisTickSource implements TickSource {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTickSource.class);

    private final String name;
    private final RedisConnector connector;
    private final RedisKeys keys;
    private final ReconnectPolicy reconnectPolicy;
    private final Clock clock;
    private final Set<Long> tokens = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private volatile boolean all;
    private volatile boolean closed;
    private volatile TickListener listener;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> connection;
    private volatile SourceStatus status;
    private ScheduledExecutorService connector0;
    private Backoff backoff;

    RedisTickSource(String name, RedisConnector connector, ReconnectPolicy reconnectPolicy) {
        this.name = Objects.requireNonNull(name, "name");
        this.connector = connector;
        this.keys = RedisKeys.withPrefix(connector.options().keyPrefix());
        this.reconnectPolicy = Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
        this.clock = connector.options().clock();
        this.status = new SourceStatus(name, SourceState.NEW, "", clock.millis());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(TickListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            if (this.listener != null) {
                throw new IllegalStateException("source " + name + " already started");
            }
            this.listener = listener;
            backoff = reconnectPolicy.newBackoff();
            connector0 = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "redis-source-" + name);
                t.setDaemon(true);
                return t;
            });
        }
        setStatus(SourceState.CONNECTING, "");
        connector0.execute(this::connect);
    }

    @Override
    public void subscribe(Collection<Long> instrumentTokens, TickMode mode) {
        Objects.requireNonNull(instrumentTokens, "instrumentTokens");
        synchronized (lock) {
            List<Long> added = new ArrayList<>();
            for (Long t : instrumentTokens) {
                if (tokens.add(Objects.requireNonNull(t, "token"))) {
                    added.add(t);
                }
            }
            StatefulRedisPubSubConnection<byte[], byte[]> c = connection;
            if (c != null && !added.isEmpty()) {
                c.async().subscribe(channels(added));
            }
        }
    }

    @Override
    public void unsubscribe(Collection<Long> instrumentTokens) {
        Objects.requireNonNull(instrumentTokens, "instrumentTokens");
        synchronized (lock) {
            List<Long> removed = new ArrayList<>();
            for (Long t : instrumentTokens) {
                if (t != null && tokens.remove(t)) {
                    removed.add(t);
                }
            }
            StatefulRedisPubSubConnection<byte[], byte[]> c = connection;
            if (c != null && !removed.isEmpty()) {
                c.async().unsubscribe(channels(removed));
            }
        }
    }

    /** Receives the ticks of every instrument (PSUBSCRIBE {@code ticks:*}), for an edge that serves them all. */
    public void subscribeAll() {
        synchronized (lock) {
            all = true;
            StatefulRedisPubSubConnection<byte[], byte[]> c = connection;
            if (c != null) {
                c.async().psubscribe(bytes(keys.tickChannelPattern()));
            }
        }
    }

    /** Stops {@link #subscribeAll()}; instruments subscribed one by one stay subscribed. */
    public void unsubscribeAll() {
        synchronized (lock) {
            all = false;
            StatefulRedisPubSubConnection<byte[], byte[]> c = connection;
            if (c != null) {
                c.async().punsubscribe(bytes(keys.tickChannelPattern()));
            }
        }
    }

    /** The instruments subscribed one by one. */
    public Set<Long> subscriptions() {
        return Set.copyOf(tokens);
    }

    /** Ticks delivered to the listener so far. */
    public long received() {
        return received.sum();
    }

    /** Messages that were not tick frames and were skipped. */
    public long malformedFrames() {
        return malformed.sum();
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    @Override
    public void close() {
        StatefulRedisPubSubConnection<byte[], byte[]> c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
            connection = null;
            if (connector0 != null) {
                connector0.shutdownNow();
            }
        }
        if (c != null) {
            c.close();
        }
        setStatus(SourceState.STOPPED, "");
    }

    private void connect() {
        if (closed) {
            return;
        }
        StatefulRedisPubSubConnection<byte[], byte[]> c;
        try {
            c = connector.connectPubSub();
        } catch (RedisUnavailableException e) {
            long delay = backoff.nextDelayMillis();
            if (delay == Backoff.EXHAUSTED) {
                setStatus(SourceState.FAILED, "gave up connecting: " + e.getMessage());
                return;
            }
            setStatus(SourceState.RECONNECTING, e.getMessage());
            connector0.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            return;
        }
        c.addListener(new Messages());
        c.addListener(new States());
        synchronized (lock) {
            if (closed) {
                c.close();
                return;
            }
            connection = c;
            if (!tokens.isEmpty()) {
                c.async().subscribe(channels(tokens));
            }
            if (all) {
                c.async().psubscribe(bytes(keys.tickChannelPattern()));
            }
        }
        backoff.reset();
        setStatus(SourceState.CONNECTED, "");
    }

    private void deliver(byte[] frame, boolean viaPattern) {
        TickListener l = listener;
        if (l == null || closed) {
            return;
        }
        List<Tick> ticks;
        try {
            ticks = TickCodec.decode(frame);
        } catch (MalformedTickFrameException e) {
            malformed.increment();
            if (malformed.sum() == 1) {
                LOG.warn("source {} skipped a message that is not a tick frame: {}", name, e.getMessage());
            }
            return;
        }
        if (!viaPattern) {
            // An UNSUBSCRIBE takes a round trip; drop what arrives for instruments no longer wanted.
            ticks.removeIf(t -> !tokens.contains(t.instrumentToken()));
        }
        if (!ticks.isEmpty()) {
            received.add(ticks.size());
            l.onTicks(ticks);
        }
    }

    private void setStatus(SourceState state, String detail) {
        SourceStatus s = new SourceStatus(name, state, detail, clock.millis());
        status = s;
        TickListener l = listener;
        if (l != null) {
            l.onStatus(s);
        }
    }

    private byte[][] channels(Collection<Long> instrumentTokens) {
        return instrumentTokens.stream().map(t -> bytes(keys.tickChannel(t))).toArray(byte[][]::new);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Pub/sub messages; runs on Lettuce's I/O thread. */
    private final class Messages extends RedisPubSubAdapter<byte[], byte[]> {
        @Override
        public void message(byte[] channel, byte[] message) {
            if (!all) {
                deliver(message, false);
            }
        }

        @Override
        public void message(byte[] pattern, byte[] channel, byte[] message) {
            if (all) {
                deliver(message, true);
            }
        }
    }

    /** Connection state; Lettuce resubscribes by itself after a reconnect. */
    private final class States implements RedisConnectionStateListener {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (!closed && status.state() != SourceState.CONNECTED) {
                setStatus(SourceState.CONNECTED, "reconnected");
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (!closed) {
                setStatus(SourceState.RECONNECTING, "connection to Redis lost");
            }
        }
    }
}
