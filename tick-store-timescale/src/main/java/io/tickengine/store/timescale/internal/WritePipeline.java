package io.tickengine.store.timescale.internal;

import io.tickengine.store.timescale.SpillFullException;
import io.tickengine.store.timescale.StoreHealth;
import io.tickengine.store.timescale.TimescaleStoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything between the sinks and the database. Sinks hand records (ticks and candles) to
 * {@link #accept}, which only appends to memory or, while the database is down or behind, to the spill
 * files; one writer thread writes them in order, in batches, with {@link BatchWriter}. Each accepted
 * record gets an ordinal; the spill keeps records under their ordinals, so whatever reaches the database
 * late still reaches it in acceptance order. What a crash can lose is what memory holds: at most
 * {@code memoryBufferRows} records, normally one flush interval; while the database is down, nothing
 * (memory is moved to the spill at the first failed write and new records go straight there).
 */
public final class WritePipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WritePipeline.class);
    /** A write takes up to this many times flushRows when a backlog built up: fewer commits to catch up. */
    static final int CATCH_UP_FACTOR = 4;

    private final TimescaleStoreOptions options;
    private final BatchWriter writer;
    private final SpillLog spill;
    private final FlushSchedule schedule;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();

    // Guarded by lock. Memory holds ordinals [memoryStart, memoryStart + memory.size()).
    private final ArrayDeque<Object> memory = new ArrayDeque<>();
    private long memoryStart;
    private long nextOrdinal;
    private List<Object> inflight;
    private long inflightStart;
    private boolean spilling;
    private long flushTarget;
    private boolean degraded;
    private boolean stopping;
    private boolean closed;
    private boolean crashed;
    private String lastError;
    private long failedWrites;
    private volatile long written;

    /** A pipeline over the pool and the opened spill; records spilled by an earlier run are written first. */
    public WritePipeline(DataSource dataSource, SpillLog spill, TimescaleStoreOptions options) {
        this.options = options;
        this.writer = new BatchWriter(dataSource);
        this.spill = spill;
        this.schedule = new FlushSchedule(options.flushInterval().toMillis(), options.endOfDayFlush());
        this.nextOrdinal = spill.nextOrdinal();
        this.memoryStart = nextOrdinal;
        this.spilling = !spill.isEmpty();
        if (spilling) {
            LOG.info("replaying {} spilled records from {}", spill.unreadRecords(), spill.directory());
        }
        this.thread = new Thread(this::run, "tick-store-timescale-writer");
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) -> LOG.error("timescale writer thread died", e));
    }

    /** Starts the writer thread. */
    public void start() {
        thread.start();
    }

    /**
     * Takes records in order (the caller may reuse the list). Never waits for the database.
     *
     * @throws SpillFullException when they must be spilled and the spill is at its cap; nothing was taken
     */
    public void accept(List<?> records) {
        int n = records.size();
        if (n == 0) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the timescale store is closed");
            }
            if (!spilling && memoryBacklog() + n > options.memoryBufferRows()) {
                LOG.warn("memory buffer full ({} rows waiting); spilling new records to {}", memoryBacklog(),
                        spill.directory());
                spillNew(records);
            } else if (spilling) {
                spillNew(records);
            } else {
                if (memory.isEmpty()) {
                    memoryStart = nextOrdinal;
                }
                memory.addAll(records);
                nextOrdinal += n;
                if (memory.size() >= options.flushRows()) {
                    work.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Time-based flushing, driven by the sinks' timers: every flush interval and at the end of day. */
    public void onTimer(long nowMillis) {
        lock.lock();
        try {
            FlushSchedule.Due due = schedule.check(nowMillis);
            if (due == FlushSchedule.Due.END_OF_DAY) {
                LOG.info("end-of-day flush: {} records in memory, {} spilled", memoryBacklog(), spill.unreadRecords());
            }
            if (due != FlushSchedule.Due.NOTHING) {
                requestFlush();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything accepted so far is in the database, or, once a write attempted after this
     * call has failed too, safe in the spill files; gives up after the connect and socket timeouts twice over.
     *
     * @return whether everything accepted so far is in the database
     */
    public boolean flush() throws InterruptedException {
        long deadline = System.nanoTime() + 2 * (options.connectTimeout().toNanos() + options.socketTimeout().toNanos());
        lock.lock();
        try {
            long target = nextOrdinal;
            long failedBefore = failedWrites;
            requestFlush();
            while (true) {
                long oldestInMemory = oldestInMemory();
                if (oldestInMemory >= target && spill.firstUnreadOrdinal() >= target) {
                    return true;
                }
                // A failure from before this call may be a blip; one after it means the database is still down.
                boolean down = degraded && failedWrites > failedBefore;
                if (oldestInMemory >= target && (down || crashed || !thread.isAlive())) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("flush timed out; {} records in memory, {} spilled", memoryBacklog(),
                            spill.unreadRecords());
                    return false;
                }
                progress.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the backlog and state. */
    public StoreHealth health() {
        lock.lock();
        try {
            StoreHealth.Status status = closed ? StoreHealth.Status.CLOSED
                    : degraded || spilling ? StoreHealth.Status.DEGRADED : StoreHealth.Status.UP;
            return new StoreHealth(status, memoryBacklog(), spill.unreadRecords(), spill.bytes(), written, lastError);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what memory holds (or spills it when the database is down) and stops the writer; records
     * still spilled stay for the next start.
     */
    @Override
    public void close() throws InterruptedException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            stopping = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        thread.join(2 * (options.connectTimeout().toMillis() + options.socketTimeout().toMillis()));
        lock.lock();
        try {
            closed = true;
            if (!memory.isEmpty() && !thread.isAlive()) {
                spillMemory(new ArrayList<>(), memoryStart);
            }
            if (memoryBacklog() > 0) {
                LOG.error("closing with {} records unwritten in memory", memoryBacklog());
            } else if (!spill.isEmpty()) {
                LOG.info("closing with {} records spilled in {}; they are written at the next start",
                        spill.unreadRecords(), spill.directory());
            }
            spill.force();
            spill.close();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops at once as a killed process would: nothing is flushed, written or spilled. For tests. */
    public void crash() throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            crashed = true;
            work.signalAll();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        thread.join(TimeUnit.SECONDS.toMillis(30));
        spill.close();
    }

    private void run() {
        long backoff = options.retryBackoff().toNanos();
        while (true) {
            Batch batch;
            try {
                batch = next();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return;
            }
            Exception failure = null;
            try {
                writeIsolatingBadData(batch.records);
            } catch (Exception e) {
                failure = e;
            }
            if (!finish(batch, failure)) {
                return;
            }
            if (failure == null) {
                backoff = options.retryBackoff().toNanos();
            } else {
                backoff = pause(backoff);
            }
        }
    }

    /**
     * Writes records; when the database refuses them for their data (not for being unreachable), splits
     * them in halves until the bad ones stand alone, writes the rest in order and keeps the bad ones in
     * the rejected file, so one bad tick never holds up the others.
     */
    private void writeIsolatingBadData(List<Object> records) throws Exception {
        try {
            writer.write(records);
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            if (records.size() > 1) {
                int mid = records.size() / 2;
                writeIsolatingBadData(records.subList(0, mid));
                writeIsolatingBadData(records.subList(mid, records.size()));
                return;
            }
            LOG.error("the database refused {} for good; kept in {}: {}", records.get(0),
                    spill.directory().resolve(SpillLog.REJECTED), e.getMessage());
            lock.lock();
            try {
                lastError = e.toString();
                spill.reject(records);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Whether the database refused the data itself (classes 21, 22, 23, 54), so retrying cannot help. */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("21") || state.startsWith("22") || state.startsWith("23")
                || state.startsWith("54"));
    }

    /** The next batch to write: memory first (it is older than the spill), then the spill; null to stop. */
    private Batch next() throws InterruptedException {
        while (true) {
            lock.lock();
            try {
                if (crashed) {
                    return null;
                }
                // While spilling, memory holds only records older than the spill: write them at once.
                if (!memory.isEmpty() && (memory.size() >= options.flushRows() || flushTarget > memoryStart
                        || spilling || stopping)) {
                    int n = Math.min(memory.size(), maxBatch());
                    inflight = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        inflight.add(memory.pollFirst());
                    }
                    inflightStart = memoryStart;
                    memoryStart += n;
                    return new Batch(inflight, null);
                }
                if (stopping && memory.isEmpty()) {
                    return null;
                }
                if (!memory.isEmpty() || spill.isEmpty()) {
                    work.await();
                    continue;
                }
            } finally {
                lock.unlock();
            }
            // Only this thread reads, commits or prepends, so the oldest segment stays put while it reads.
            try {
                SpillLog.Chunk chunk = spill.read(maxBatch());
                if (chunk != null && !chunk.records().isEmpty()) {
                    return new Batch(chunk.records(), chunk);
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.error("cannot read the spill in {}; retrying: {}", spill.directory(), e.toString());
            }
            lock.lock();
            try {
                work.await(options.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Records the outcome of a write; false when the pipeline was crashed meanwhile. */
    private boolean finish(Batch batch, Exception failure) {
        lock.lock();
        try {
            if (crashed) {
                return false;
            }
            if (failure == null) {
                written += batch.records.size();
                if (batch.chunk == null) {
                    inflight = null;
                } else {
                    spill.commit(batch.chunk);
                    if (spill.isEmpty() && spilling) {
                        spilling = false;
                        LOG.info("spill drained; records go through memory again");
                    }
                }
                if (degraded) {
                    degraded = false;
                    LOG.info("database writes succeed again; {} records still spilled", spill.unreadRecords());
                }
                progress.signalAll();
                return true;
            }
            lastError = failure.toString();
            failedWrites++;
            if (!degraded) {
                degraded = true;
                LOG.warn("database write of {} records failed; buffering and spilling until it recovers: {}",
                        batch.records.size(), lastError);
            }
            LOG.debug("database write failed", failure);
            if (batch.chunk == null) {
                spillMemory(inflight, inflightStart);
                inflight = null;
            }
            spill.force();
            progress.signalAll();
            return true;
        } catch (RuntimeException e) {
            LOG.error("writer bookkeeping failed", e);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits out a retry backoff (cut short by close) and returns the next one. */
    private long pause(long backoff) {
        lock.lock();
        try {
            if (!stopping && !crashed) {
                work.awaitNanos(backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        return Math.min(backoff * 2, options.maxRetryBackoff().toNanos());
    }

    /** Moves {@code head} (ordinals from {@code start}) and all of memory after it to the spill. */
    private void spillMemory(List<Object> head, long start) {
        List<Object> all = new ArrayList<>(head.size() + memory.size());
        all.addAll(head);
        all.addAll(memory);
        try {
            spill.prepend(all, start);
            memory.clear();
            memoryStart = nextOrdinal;
            spilling = true;
        } catch (SpillFullException | UncheckedIOException e) {
            LOG.error("cannot spill {} records, keeping them in memory: {}", all.size(), e.getMessage());
            for (int i = head.size() - 1; i >= 0; i--) {
                memory.addFirst(head.get(i));
            }
            memoryStart = start;
        }
    }

    private void spillNew(List<?> records) {
        spill.append(records, nextOrdinal);
        nextOrdinal += records.size();
        spilling = true;
        work.signal();
    }

    private int maxBatch() {
        return (int) Math.min(Integer.MAX_VALUE, (long) options.flushRows() * CATCH_UP_FACTOR);
    }

    private void requestFlush() {
        flushTarget = nextOrdinal;
        work.signal();
    }

    private long memoryBacklog() {
        return memory.size() + (inflight == null ? 0 : inflight.size());
    }

    private long oldestInMemory() {
        if (inflight != null) {
            return inflightStart;
        }
        return memory.isEmpty() ? Long.MAX_VALUE : memoryStart;
    }

    private static final class Batch {
        final List<Object> records;
        final SpillLog.Chunk chunk;

        Batch(List<Object> records, SpillLog.Chunk chunk) {
            this.records = records;
            this.chunk = chunk;
        }
    }
}
