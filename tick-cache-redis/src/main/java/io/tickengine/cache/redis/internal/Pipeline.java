package io.tickengine.cache.redis.internal;

import io.lettuce.core.RedisFuture;
import io.tickengine.cache.redis.RedisTimeoutException;
import io.tickengine.cache.redis.RedisWriteFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The replies of one pipelined batch: commands are added as they are queued, then {@link #await}
 * waits for all of them once. An XADD refused because its explicit ID is not above the stream's last
 * one is not a failure: the entry is already there (a retried batch) or is older than the stream.
 */
public final class Pipeline {
    private final List<RedisFuture<?>> futures = new ArrayList<>(2048);
    private boolean[] explicitIdXadd = new boolean[2048];
    private int staleIds;

    public void clear() {
        futures.clear();
        staleIds = 0;
    }

    public int size() {
        return futures.size();
    }

    /** Adds a command's reply. */
    public void add(RedisFuture<?> future) {
        add(future, false);
    }

    /** Adds the reply of an XADD with an explicit ID. */
    public void addXadd(RedisFuture<?> future) {
        add(future, true);
    }

    /** XADDs refused as not above the stream's last ID in the last {@link #await}. */
    public int staleIds() {
        return staleIds;
    }

    /**
     * Waits until every reply arrived or the timeout passed.
     *
     * @throws RedisTimeoutException when some replies are still missing at the deadline
     * @throws RedisWriteFailedException when Redis answered some commands with an error or the connection failed
     */
    public void await(long timeoutNanos, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        Throwable first = null;
        int failed = 0;
        staleIds = 0;
        for (int i = 0, n = futures.size(); i < n; i++) {
            try {
                futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new RedisTimeoutException(what + ": " + (n - i) + " of " + n + " replies missing after "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (explicitIdXadd[i] && isStaleId(cause)) {
                    staleIds++;
                } else {
                    failed++;
                    first = first == null ? cause : first;
                }
            }
        }
        if (failed > 0) {
            throw new RedisWriteFailedException(what + ": " + failed + " of " + futures.size()
                    + " commands failed, first: " + first.getMessage(), first);
        }
    }

    private void add(RedisFuture<?> future, boolean xadd) {
        int i = futures.size();
        if (i == explicitIdXadd.length) {
            explicitIdXadd = java.util.Arrays.copyOf(explicitIdXadd, i * 2);
        }
        explicitIdXadd[i] = xadd;
        futures.add(future);
    }

    private static boolean isStaleId(Throwable t) {
        String m = t.getMessage();
        return m != null && m.contains("equal or smaller than the target stream top item");
    }
}
