package io.tickengine.cache.redis.internal;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.MultiOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.tickengine.cache.redis.RedisTimeoutException;
import io.tickengine.cache.redis.RedisWriteFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The replies of one pipelined batch: commands are added as they are queued, then {@link #await}
 * waits for all of them once. Bulk commands ({@link #queue}) are plain Lettuce commands without a
 * future of their own, handed to the connection of {@link #begin} in runs of {@link #DISPATCH_COMMANDS}
 * as they are queued, and the rest by {@link #dispatch}: Redis works on the first run while the sink
 * still encodes the next, instead of idling until the whole batch is built. Replies arrive in order,
 * so they are known once the future of the last one completed. An XADD refused because its explicit
 * ID is not above the stream's last one is not a failure: the entry is already there (a retried
 * batch) or is older than the stream. A batch may hold one MULTI/EXEC {@link #transaction}, never
 * split between runs.
 */
public final class Pipeline {
    /**
     * Commands handed to the connection at a time (one write and flush each); {@code redis-benchmark -P}
     * pipelines 64 (see docs/BENCHMARKS.md for the measurements behind this figure).
     */
    public static final int DISPATCH_COMMANDS = 128;

    private final List<RedisFuture<?>> futures = new ArrayList<>(64);
    private final List<RedisCommand<byte[], byte[], ?>> queued = new ArrayList<>(2048);
    private final List<Command<byte[], byte[], ?>> bulk = new ArrayList<>(2048);
    private boolean[] explicitIdXadd = new boolean[64];
    private boolean[] bulkXadd = new boolean[2048];
    private int staleIds;
    private Command<byte[], byte[], ?> exec;
    private int transactionCommands;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private boolean inTransaction;

    /** Starts a batch whose bulk commands go to {@code connection}, forgetting the last batch. */
    public void begin(StatefulRedisConnection<byte[], byte[]> connection) {
        clear();
        this.connection = connection;
    }

    public void clear() {
        connection = null;
        futures.clear();
        queued.clear();
        bulk.clear();
        staleIds = 0;
        exec = null;
        transactionCommands = 0;
    }

    /**
     * Queues {@code commands} between MULTI and EXEC: Redis applies them together when it runs EXEC,
     * and none of them if the connection closes before that. Lettuce, seeing MULTI in the dispatched
     * collection, wraps the commands that follow and gives EXEC the output collecting their replies;
     * {@link #await} reports a command Redis refused inside the transaction (it has no rollback: the
     * others were applied). One transaction per batch.
     */
    public void transaction(List<? extends Command<byte[], byte[], ?>> commands) {
        if (commands.isEmpty()) {
            return;
        }
        if (exec != null) {
            throw new IllegalStateException("one transaction per batch");
        }
        inTransaction = true;
        queue(new Command<>(CommandType.MULTI, new StatusOutput<>(ByteArrayCodec.INSTANCE)), false);
        queued.addAll(commands);
        exec = new Command<>(CommandType.EXEC, new MultiOutput<>(ByteArrayCodec.INSTANCE));
        inTransaction = false;
        queue(exec, false);
        transactionCommands = commands.size();
    }

    /** Commands in the batch: the queued ones (MULTI and EXEC among them) and those of its transaction. */
    public int size() {
        return futures.size() + bulk.size() + transactionCommands;
    }

    /** Whether the batch holds a {@link #transaction}. */
    public boolean hasTransaction() {
        return exec != null;
    }

    /** Adds a command's reply. */
    public void add(RedisFuture<?> future) {
        add(future, false);
    }

    /** Adds the reply of an XADD with an explicit ID. */
    public void addXadd(RedisFuture<?> future) {
        add(future, true);
    }

    /**
     * Queues a command, handing the queue to the connection once it holds {@link #DISPATCH_COMMANDS}
     * outside a transaction; {@code explicitIdXadd} marks an XADD with an explicit ID.
     */
    public void queue(Command<byte[], byte[], ?> command, boolean explicitIdXadd) {
        int i = bulk.size();
        if (i == bulkXadd.length) {
            bulkXadd = java.util.Arrays.copyOf(bulkXadd, i * 2);
        }
        bulkXadd[i] = explicitIdXadd;
        bulk.add(command);
        queued.add(command);
        if (queued.size() >= DISPATCH_COMMANDS && connection != null && !inTransaction) {
            dispatch();
        }
    }

    /**
     * Hands the commands queued since the last dispatch to the connection of {@link #begin} as one
     * collection: with auto-flush on, Lettuce writes them all and flushes once; with auto-flush off
     * they wait for the next flush.
     */
    public void dispatch() {
        int n = queued.size();
        if (n == 0) {
            return;
        }
        // The last one gets a future (and is judged by it): its reply comes after all the others'.
        AsyncCommand<byte[], byte[], ?> last = new AsyncCommand<>(queued.get(n - 1));
        queued.set(n - 1, last);
        bulk.remove(bulk.size() - 1);
        add(last, bulkXadd[bulk.size()]);
        connection.dispatch(queued);
        queued.clear();
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
        if (!queued.isEmpty()) {
            throw new IllegalStateException("queued commands were not dispatched");
        }
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
                if (explicitIdXadd[i] && isStaleId(cause.getMessage())) {
                    staleIds++;
                } else {
                    failed++;
                    first = first == null ? cause : first;
                }
            }
        }
        for (int i = 0, n = bulk.size(); i < n; i++) {
            Command<byte[], byte[], ?> c = bulk.get(i);
            String error = c.isDone() ? c.getError() : "no reply";
            if (error == null) {
                continue;
            }
            if (bulkXadd[i] && isStaleId(error)) {
                staleIds++;
            } else {
                failed++;
                first = first == null ? new RedisCommandExecutionException(error) : first;
            }
        }
        // Every reply arrived without an error, so EXEC's output is complete (it may be the last command,
        // whose future completes before the command itself is marked done).
        if (exec != null && failed == 0 && exec.getOutput().get() instanceof TransactionResult result) {
            for (Object reply : result) {
                if (reply instanceof Throwable t) {
                    failed++;
                    first = first == null ? t : first;
                }
            }
        }
        if (failed > 0) {
            throw new RedisWriteFailedException(what + ": " + failed + " of " + size()
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

    private static boolean isStaleId(String m) {
        return m != null && m.contains("equal or smaller than the target stream top item");
    }
}
