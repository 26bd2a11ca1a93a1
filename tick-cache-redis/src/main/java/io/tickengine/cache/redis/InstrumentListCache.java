package io.tickengine.cache.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import io.tickengine.cache.redis.internal.InstrumentJson;
import io.tickengine.cache.redis.internal.LazyConnection;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The instrument lists of seed 000 ({@code instruments:nse:indices}, {@code instruments:nse:stocks}): a
 * List of instrument JSON per key with a one-day TTL, so a restart need not reload the master. A
 * refresh replaces a list atomically (written to a temporary key, then RENAMEd). Thread-safe.
 */
public final class InstrumentListCache {
    private final RedisCacheOptions options;
    private final RedisKeys keys;
    private final LazyConnection connection;

    InstrumentListCache(RedisCacheOptions options, LazyConnection connection) {
        this.options = options;
        this.keys = RedisKeys.withPrefix(options.keyPrefix());
        this.connection = connection;
    }

    /** Replaces a cached list and restarts its TTL. */
    public void store(InstrumentList list, List<Instrument> instruments) {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(instruments, "instruments");
        String key = keys.instruments(list);
        byte[] target = bytes(key);
        try {
            RedisCommands<byte[], byte[]> redis = connection.get().sync();
            if (instruments.isEmpty()) {
                redis.del(target);
                return;
            }
            byte[] temp = bytes(key + ":refresh:" + UUID.randomUUID());
            byte[][] values = new byte[instruments.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = bytes(InstrumentJson.write(instruments.get(i)));
            }
            redis.rpush(temp, values);
            redis.expire(temp, options.instrumentsTtl().toSeconds());
            redis.rename(temp, target);
        } catch (RedisException e) {
            throw new RedisCacheException("storing " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** Stores both lists as selected from a registry. */
    public void refresh(InstrumentRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        for (InstrumentList list : InstrumentList.values()) {
            store(list, list.from(registry));
        }
    }

    /** The cached list, or empty when it is missing or expired. */
    public Optional<List<Instrument>> load(InstrumentList list) {
        Objects.requireNonNull(list, "list");
        String key = keys.instruments(list);
        try {
            List<byte[]> values = connection.get().sync().lrange(bytes(key), 0, -1);
            if (values.isEmpty()) {
                return Optional.empty();
            }
            List<Instrument> out = new ArrayList<>(values.size());
            for (byte[] v : values) {
                out.add(InstrumentJson.read(new String(v, StandardCharsets.UTF_8)));
            }
            return Optional.of(out);
        } catch (RedisException e) {
            throw new RedisCacheException("loading " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** The cached list; when missing, loads it with {@code loader} and caches it. */
    public List<Instrument> loadOrRefresh(InstrumentList list, Supplier<List<Instrument>> loader) {
        Objects.requireNonNull(loader, "loader");
        Optional<List<Instrument>> cached = load(list);
        if (cached.isPresent()) {
            return cached.get();
        }
        List<Instrument> fresh = List.copyOf(loader.get());
        store(list, fresh);
        return fresh;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
