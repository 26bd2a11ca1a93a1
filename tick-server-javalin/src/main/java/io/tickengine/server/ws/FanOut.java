package io.tickengine.server.ws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that do the clients' socket sends: a small fixed set of shards, each one thread, with
 * clients spread over them round-robin. The broadcaster only queues; a client's frames are encoded and
 * handed to Jetty on its shard, so a busy shard delays only its own clients and never the broadcaster.
 */
final class FanOut implements AutoCloseable {
    /** Shards unless told otherwise: one per core, at least 2 and at most 4. */
    static final int DEFAULT_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    private final ExecutorService[] shards;
    private final AtomicInteger next = new AtomicInteger();

    FanOut(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("fan-out threads must be positive, was " + threads);
        }
        shards = new ExecutorService[threads];
        for (int i = 0; i < threads; i++) {
            String name = "ws-fanout-" + i;
            shards[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Number of shards. */
    int threads() {
        return shards.length;
    }

    /** The shard for a new client; tasks on it run one at a time, in order. After close, runs inline. */
    Executor assign() {
        ExecutorService shard = shards[Math.floorMod(next.getAndIncrement(), shards.length)];
        return task -> {
            if (shard.isShutdown()) {
                task.run();
            } else {
                try {
                    shard.execute(task);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    task.run();
                }
            }
        };
    }

    /** Lets queued sends finish (briefly) and stops the threads. */
    @Override
    public void close() {
        for (ExecutorService s : shards) {
            s.shutdown();
        }
        try {
            for (ExecutorService s : shards) {
                if (!s.awaitTermination(1, TimeUnit.SECONDS)) {
                    LOG.warn("fan-out thread still busy after 1 s; stopping it");
                    s.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
