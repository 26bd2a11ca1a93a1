package io.tickengine.core.engine.internal;

import io.tickengine.core.Tick;
import io.tickengine.core.candle.Candle;
import io.tickengine.core.engine.SinkOptions;
import io.tickengine.core.engine.SinkStats;
import io.tickengine.core.sink.CandleSink;
import io.tickengine.core.sink.OverflowPolicy;
import io.tickengine.core.sink.TickSink;
import io.tickengine.core.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sink on its own thread: drains its mailbox in batches, delivers them, retries failures
 * with backoff behind a circuit breaker and calls the sink's timer. Producers only touch the
 * mailbox and, when the worker sleeps, wake it; nothing a sink does can block them.
 */
public final class SinkWorker<E> {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);
    // Idle backoff: spin, then yield, then park. Staying awake briefly spares producers a wake-up
    // call per batch when the sink keeps up (measured in EngineBenchmark).
    private static final int SPINS_BEFORE_YIELD = 64;
    private static final int YIELDS_BEFORE_PARK = 64;
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(SinkWorker.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final OverflowPolicy policy;
    private final SinkOptions options;
    private final Delivery<E> sink;
    private final Clock clock;
    private final Mailbox<E> mailbox;
    private final Thread thread;
    private final List<E> batch;
    private final Breaker breaker;

    // Allocated first, so its padding also separates this worker's fields from the objects allocated next.
    private final WorkerProgress progress = new WorkerProgress();
    // Worker thread only: the newest delivered item's time, and the last time a timer that follows the input got.
    private long newestDelivered = Long.MIN_VALUE;
    private long lastTimerTime = Long.MIN_VALUE;
    private volatile boolean running = true;
    private volatile boolean parked;
    private volatile boolean abandon;

    private SinkWorker(String name, OverflowPolicy policy, SinkOptions options, Delivery<E> sink, Clock clock,
                       Mailbox<E> mailbox) {
        this.name = name;
        this.policy = policy;
        this.options = options;
        this.sink = sink;
        this.clock = clock;
        this.mailbox = mailbox;
        this.batch = new ArrayList<>(Math.min(options.maxBatch(), 4096));
        this.breaker = new Breaker(name, options);
        this.thread = new Thread(this::run, "tick-sink-" + name);
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) -> LOG.error("sink {} worker died", name, e));
    }

    /** A worker for a tick sink; conflation keys on the instrument. */
    public static SinkWorker<Tick> forTicks(TickSink sink, SinkOptions options, Clock clock) {
        OverflowPolicy policy = policyOf(options, sink.overflowPolicy());
        return forTicks(sink, options, clock, Mailbox.create(policy, options.capacity(), Tick::instrumentToken));
    }

    /** A worker for a tick sink over a given mailbox; for tests that need to step into the mailbox. */
    static SinkWorker<Tick> forTicks(TickSink sink, SinkOptions options, Clock clock, Mailbox<Tick> mailbox) {
        Delivery<Tick> delivery = new Delivery<>(sink::onBatch, sink::onTimer, sink::flush, sink::close,
                Tick::receiveTimestamp, sink.timerFollowsInput(), sink::metrics);
        return new SinkWorker<>(sink.name(), policyOf(options, sink.overflowPolicy()), options, delivery, clock,
                mailbox);
    }

    /** A worker for a candle sink; conflation keys on {@link Candle#conflationKey()}. */
    public static SinkWorker<Candle> forCandles(CandleSink sink, SinkOptions options, Clock clock) {
        OverflowPolicy policy = policyOf(options, sink.overflowPolicy());
        Delivery<Candle> delivery = new Delivery<>(sink::onCandles, sink::onTimer, sink::flush, sink::close,
                Candle::bucketEnd, false, sink::metrics);
        return new SinkWorker<>(sink.name(), policy, options, delivery, clock, Mailbox.create(policy,
                options.capacity(), Candle::conflationKey));
    }

    private static OverflowPolicy policyOf(SinkOptions options, OverflowPolicy sinkDefault) {
        return options.overflowPolicy() != null ? options.overflowPolicy() : sinkDefault;
    }

    /** The sink's name. */
    public String name() {
        return name;
    }

    /** Starts the worker thread. */
    public void start() {
        thread.start();
    }

    /** Hands an item to the sink; never blocks. */
    public void offer(E item) {
        mailbox.offer(item);
        wake();
    }

    /**
     * Hands an item to the sink with its instrument's dense index from the engine's
     * {@link InstrumentIndex}, which a conflating mailbox uses instead of hashing the key; never blocks.
     */
    public void offer(E item, int index) {
        mailbox.offer(item, index);
        wake();
    }

    /** Hands several items to the sink in order, with one wake-up at most; never blocks. */
    public void offerAll(List<E> items) {
        mailbox.offerAll(items);
        wake();
    }

    /** {@link #offerAll(List)} with each item's dense index, as for {@link #offer(Object, int)}. */
    public void offerAll(List<E> items, int[] indexes) {
        mailbox.offerAll(items, indexes);
        wake();
    }

    /** Whether the mailbox keeps one item per instrument, so producers should pass dense indexes. */
    public boolean conflates() {
        return policy == OverflowPolicy.CONFLATE;
    }

    private void wake() {
        // Only the producer that flips the flag pays for the wake-up; the others see it cleared.
        if (parked && PARKED.compareAndSet(this, true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Asks the worker to deliver everything buffered, flush and close its sink, and waits until it
     * has or the deadline passes; past the deadline what is still buffered is counted as lost.
     *
     * @return whether the worker finished everything in time
     */
    public boolean stop(long deadlineNanos) throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        thread.join(Math.max(1, waitMillis));
        if (!thread.isAlive()) {
            return true;
        }
        abandon = true;
        LockSupport.unpark(thread);
        thread.join(TimeUnit.SECONDS.toMillis(5));
        return false;
    }

    /** A snapshot of the counters. */
    public SinkStats stats() {
        WorkerProgress p = progress;
        int pending = p.pendingSize;
        // A held batch (in the sink's call, or waiting for a retry) ages while it waits, so a stuck sink's lag grows.
        long lag = pending > 0 ? Math.max(p.lagMillis, clock.millis() - p.pendingOldest) : p.lagMillis;
        return new SinkStats(name, policy, p.delivered, mailbox.overflowed() + breaker.dropped() + p.abandoned,
                mailbox.conflated(), breaker.errors(), mailbox.size() + pending, options.capacity(), Math.max(0, lag), p.batches,
                p.batchNanos, breaker.state(), sinkMetrics());
    }

    private Map<String, Long> sinkMetrics() {
        try {
            Map<String, Long> m = sink.metrics.get();
            return m == null ? Map.of() : m;
        } catch (RuntimeException e) {
            LOG.debug("sink {} failed to report metrics: {}", name, e.toString());
            return Map.of();
        }
    }

    private void run() {
        long nextTimer = clock.millis() + options.timerInterval().toMillis();
        int idleSpins = 0;
        while (true) {
            int drained = batch.isEmpty() ? mailbox.drain(batch, options.maxBatch()) : 0;
            long now = clock.millis();
            if (drained > 0) {
                progress.pendingOldest = sink.timestampOf.applyAsLong(batch.get(0));
                progress.pendingSize = drained;
            }
            if (!batch.isEmpty()) {
                deliverPending(now);
            }
            if (now >= nextTimer) {
                long timerTime = timerTime(now);
                if (timerTime != Long.MIN_VALUE) {
                    breaker.guard(() -> sink.timer.timer(timerTime), "timer");
                }
                nextTimer = now + options.timerInterval().toMillis();
            }
            if (progress.pendingSize != batch.size()) {
                progress.pendingSize = batch.size();
            }
            if (abandon) {
                abandonRemaining();
                break;
            }
            // Read the stop flag before looking at the mailbox: whatever was offered before stop() is then
            // visible to size(), so an empty mailbox means nothing is left. In the other order, offers and
            // stop() can both land between the two reads and the worker quits with those offers queued.
            // While running, a drain that found nothing is enough to call the worker idle: size() reads the
            // producers' index, whose cache line every offer writes, so a spinning worker calling it would
            // slow every producer down.
            boolean stopRequested = !running;
            boolean idle = batch.isEmpty() && (stopRequested ? mailbox.size() == 0 : drained == 0);
            if (idle && stopRequested) {
                break;
            }
            if (idle) {
                idleSpins++;
                if (idleSpins <= SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                    continue;
                }
                if (idleSpins <= SPINS_BEFORE_YIELD + YIELDS_BEFORE_PARK) {
                    Thread.yield();
                    continue;
                }
                parkUntil(nextTimer, now, true);
            } else if (!batch.isEmpty()) {
                parkUntil(Math.min(nextTimer, breaker.nextAttemptAt()), now, false);
            }
            idleSpins = 0;
        }
        breaker.guard(sink.flush, "flush");
        breaker.guard(sink.close, "close");
        progress.pendingSize = 0;
    }

    private void deliverPending(long now) {
        long started = System.nanoTime();
        switch (breaker.attempt(now, sink, batch)) {
            case DELIVERED:
                progress.batchNanos += System.nanoTime() - started;
                progress.batches++;
                progress.delivered += batch.size();
                long newest = sink.timestampOf.applyAsLong(batch.get(batch.size() - 1));
                progress.lagMillis = Math.max(0, clock.millis() - newest);
                newestDelivered = Math.max(newestDelivered, newest);
                batch.clear();
                break;
            case REFUSED:
                if (policy != OverflowPolicy.NEVER_DROP) {
                    breaker.drop(batch.size());
                    batch.clear();
                }
                break;
            default:
                break;
        }
    }

    /**
     * The time the timer gets: the clock, or for a sink whose timer follows its input the time up to
     * which it has seen it: the clock when nothing waits, else the newest delivered item's time. It
     * never goes back, so a timer never undoes what an earlier one closed; {@link Long#MIN_VALUE}, and no
     * timer call, while items wait and none was delivered yet.
     */
    private long timerTime(long now) {
        if (!sink.timerFollowsInput) {
            return now;
        }
        long upTo = batch.isEmpty() && mailbox.size() == 0 ? now : Math.min(now, newestDelivered);
        lastTimerTime = Math.max(lastTimerTime, upTo);
        return lastTimerTime;
    }

    /**
     * Sleeps until {@code wakeAtMillis} at most. An idle worker lets producers wake it (it publishes
     * {@code parked} and then re-checks the mailbox, so no wake-up is lost); a worker waiting out a
     * retry backoff does not, or every offer would spin it.
     */
    private void parkUntil(long wakeAtMillis, long now, boolean wakeOnOffer) {
        if (!running && wakeOnOffer) {
            return;
        }
        long millis = Math.max(1, Math.min(wakeAtMillis - now, options.timerInterval().toMillis()));
        if (wakeOnOffer) {
            parked = true;
            if (mailbox.size() == 0) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(millis));
            }
            parked = false;
        } else {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    private void abandonRemaining() {
        List<E> rest = new ArrayList<>();
        mailbox.drain(rest, Integer.MAX_VALUE);
        long lost = rest.size() + batch.size();
        batch.clear();
        if (lost > 0) {
            progress.abandoned += lost;
            LOG.error("sink {} did not finish before the stop deadline; {} buffered items were not delivered", name, lost);
        }
    }
}
