package io.tickengine.server.ws;

import io.tickengine.core.instrument.InstrumentClass;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * The threads that do the clients' socket sends: a small fixed set of shards ({@link FanOutShard}), each
 * one thread, with clients spread over them round-robin. The broadcaster hands every engine batch to
 * each shard once; a shard routes it to its own clients and sends their frames, so a busy shard delays
 * only its own clients and a slow client never delays its shard or the broadcaster.
 */
final class FanOut implements AutoCloseable {
    /** Shards unless told otherwise: one per core, at least 2 and at most 4. */
    static final int DEFAULT_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Ticks a shard may have waiting before the broadcaster waits for it (about 2.7 s at 6,000 ticks/s). */
    static final int DEFAULT_MAX_QUEUED_TICKS = 1 << 14;

    private final FanOutShard[] shards;
    private final AtomicInteger next = new AtomicInteger();

    FanOut(int threads, LongFunction<InstrumentClass> classOf) {
        this(threads, DEFAULT_MAX_QUEUED_TICKS, classOf);
    }

    FanOut(int threads, int maxQueuedTicks, LongFunction<InstrumentClass> classOf) {
        if (threads < 1) {
            throw new IllegalArgumentException("fan-out threads must be positive, was " + threads);
        }
        if (maxQueuedTicks < 1) {
            throw new IllegalArgumentException("fan-out queue must hold at least one tick, was " + maxQueuedTicks);
        }
        shards = new FanOutShard[threads];
        for (int i = 0; i < threads; i++) {
            shards[i] = new FanOutShard("ws-fanout-" + i, maxQueuedTicks, classOf);
            shards[i].start();
        }
    }

    /** Number of shards. */
    int threads() {
        return shards.length;
    }

    /** The shard for a new client: its tasks run one at a time, in order. After close, they run inline. */
    FanOutShard assign() {
        return shards[Math.floorMod(next.getAndIncrement(), shards.length)];
    }

    /**
     * Hands one engine batch, whose first tick has resume buffer position {@code position}, to every shard;
     * waits only while a shard is full (see {@link FanOutShard#publish}).
     */
    void publish(SharedTick[] ticks, long position) {
        for (FanOutShard s : shards) {
            s.publish(ticks, position);
        }
    }

    /** Ticks waiting in the shards' queues. */
    long queuedTicks() {
        long n = 0;
        for (FanOutShard s : shards) {
            n += s.queuedTicks();
        }
        return n;
    }

    /** How often the broadcaster waited for a full shard. */
    long waits() {
        long n = 0;
        for (FanOutShard s : shards) {
            n += s.waits();
        }
        return n;
    }

    /** Unexpected errors the shards caught and went on from. */
    long failures() {
        long n = 0;
        for (FanOutShard s : shards) {
            n += s.failures();
        }
        return n;
    }

    /** Lets queued sends finish (briefly) and stops the threads. */
    @Override
    public void close() {
        try {
            for (FanOutShard s : shards) {
                s.stop(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
