package io.tickengine.feed.ws.sim;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a simulator: starts its {@link SimSocketServer}, then its streaming round at a fixed rate on one
 * daemon thread, guarded by a {@link SimRound}; closing stops both.
 */
public final class SimRunner {
    private final SimSocketServer<?> server;
    private final ScheduledExecutorService ticker;
    private volatile boolean closed;

    /** A runner for {@code server} whose streaming thread is named {@code threadName}. */
    public SimRunner(SimSocketServer<?> server, String threadName) {
        this.server = Objects.requireNonNull(server, "server");
        Objects.requireNonNull(threadName, "threadName");
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the server, waits until it listens, and runs {@code round} every {@code periodNanos}.
     *
     * @throws IllegalStateException when the server cannot listen within {@code timeoutSeconds}; the
     *     runner is closed then
     */
    public void start(String what, long timeoutSeconds, Runnable round, long periodNanos) {
        try {
            server.startAndAwait(what, timeoutSeconds);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
        ticker.scheduleAtFixedRate(new SimRound(round), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Stops streaming and closes every connection.
     *
     * @return false when it was closed already
     */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        ticker.shutdownNow();
        server.stopQuietly();
        return true;
    }
}
