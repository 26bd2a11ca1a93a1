package io.tickengine.cache.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.tickengine.cache.redis.RedisCacheOptions;
import io.tickengine.cache.redis.RedisUnavailableException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Owns the Lettuce clients of one cache. Writers use a client that rejects commands while
 * disconnected (a batch fails fast and the engine's breaker takes over, instead of commands piling up
 * in memory); pub/sub uses one that queues them, so a subscription made during an outage is sent on
 * reconnect. Both reconnect by themselves with a capped exponential delay. Writer commands carry no
 * timer of their own: the sinks await a whole pipeline against one deadline and synchronous calls
 * use the connection timeout, so a timer task per command would only cost time (likewise the hash
 * index of the command queue, which speeds up cancelling single commands, and the latency recorder).
 */
public final class RedisConnector implements AutoCloseable {
    /** Most commands a writer connection queues before refusing more. */
    static final int REQUEST_QUEUE_SIZE = 200_000;

    private final RedisCacheOptions options;
    private final ClientResources resources;
    private final RedisClient writers;
    private final RedisClient subscribers;
    private final RedisURI uri;

    public RedisConnector(RedisCacheOptions options) {
        this.options = options;
        this.uri = RedisURI.create(options.uri());
        uri.setTimeout(options.commandTimeout());
        // Lettuce's per-command latency histograms cost the writers' I/O thread a fifth of its time; unused here.
        this.resources = ClientResources.builder().commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), options.maxReconnectDelay(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(options.connectTimeout()).build();
        this.writers = RedisClient.create(resources, uri);
        writers.setOptions(ClientOptions.builder().autoReconnect(true).protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(socket).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE).useHashIndexQueue(false)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build()).build());
        this.subscribers = RedisClient.create(resources, uri);
        subscribers.setOptions(ClientOptions.builder().autoReconnect(true).protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(socket).disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout())).build());
    }

    public RedisCacheOptions options() {
        return options;
    }

    /**
     * A new writer connection with binary keys and values.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    public StatefulRedisConnection<byte[], byte[]> connect() {
        try {
            return writers.connect(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            throw new RedisUnavailableException("cannot connect to Redis at " + options.maskedUri() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new pub/sub connection with binary channels and messages.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    public StatefulRedisPubSubConnection<byte[], byte[]> connectPubSub() {
        try {
            return subscribers.connectPubSub(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            throw new RedisUnavailableException("cannot connect to Redis at " + options.maskedUri() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        writers.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        subscribers.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
