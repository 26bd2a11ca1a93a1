package io.tickengine.testkit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that gives a test class its own Redis key prefix and deletes the keys under it
 * after each test; keys outside the prefix are never touched (no FLUSHALL). Register it as a static
 * field: {@code @RegisterExtension static RedisKeyspace redis = new RedisKeyspace();}.
 */
public final class RedisKeyspace implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private String prefix;

    @Override
    public void beforeAll(ExtensionContext context) {
        prefix = "tick-test:" + context.getRequiredTestClass().getSimpleName() + ':'
                + UUID.randomUUID().toString().substring(0, 8) + ':';
        client = RedisClient.create(TestServices.redisUrl());
        connection = client.connect();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        deleteAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client == null) {
            return;
        }
        try {
            deleteAll();
        } finally {
            connection.close();
            client.shutdown();
        }
    }

    /** The prefix every key of this test class must start with, for example {@code tick-test:MyIT:1a2b3c4d:}. */
    public String prefix() {
        return prefix;
    }

    /** The Redis URI the tests run against. */
    public String url() {
        return TestServices.redisUrl();
    }

    /** Synchronous commands on a shared connection, for assertions. */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** Deletes every key under the prefix and returns how many there were. */
    public long deleteAll() {
        RedisCommands<String, String> redis = connection.sync();
        long deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs match = ScanArgs.Builder.matches(prefix + '*').limit(500);
        do {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                deleted += redis.del(page.getKeys().toArray(new String[0]));
            }
            cursor = page;
        } while (!cursor.isFinished());
        return deleted;
    }
}
