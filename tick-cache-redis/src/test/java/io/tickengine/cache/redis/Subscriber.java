package io.tickengine.cache.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain pattern subscriber that records every message, for asserting what was published. */
final class Subscriber implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<byte[], byte[]> connection;
    final List<Map.Entry<String, byte[]>> messages = new CopyOnWriteArrayList<>();

    Subscriber(String url, String pattern) {
        client = RedisClient.create(url);
        connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] p, byte[] channel, byte[] message) {
                messages.add(Map.entry(new String(channel, StandardCharsets.UTF_8), message));
            }
        });
        connection.sync().psubscribe(pattern.getBytes(StandardCharsets.UTF_8));
    }

    List<String> channels() {
        return messages.stream().map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
