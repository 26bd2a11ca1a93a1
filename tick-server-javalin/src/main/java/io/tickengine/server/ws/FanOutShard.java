package io.tickengine.server.ws;

import io.tickengine.core.instrument.InstrumentClass;
import io.tickengine.core.internal.LongLongMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * One fan-out thread and the clients assigned to it. The broadcaster hands it each engine batch once
 * ({@link #publish}); the thread routes the batch to its own subscribers' outbound buffers and, once its
 * queue is empty (or after {@link #MAX_DRAIN} items), pumps every client that got something, so several
 * ticks for one client leave in one write. Other work for its clients (control messages, completed
 * writes, subscription changes) arrives as tasks ({@link #execute}) and runs on the same thread, in
 * order, so a change takes effect at one point of the stream. After {@link #stop} everything runs on the
 * caller's thread, one caller at a time.
 */
final class FanOutShard implements Executor, Runnable {
    /** Items taken from the queue before the clients touched so far are pumped. */
    static final int MAX_DRAIN = 64;

    private static final Logger LOG = LoggerFactory.getLogger(FanOutShard.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = 60_000_000_000L;

    /**
     * One engine batch on its way to this shard's clients, and the resume buffer position of its first
     * tick (the others follow on); shared by every shard, never written.
     */
    private record TickBatch(SharedTick[] ticks, long position) {
    }

    private final int maxQueuedTicks;
    private final LongFunction<InstrumentClass> classOf;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedTicks = new AtomicInteger();
    private final LongAdder waits = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile boolean sleeping;
    private volatile boolean stopped;

    private final Map<Long, ClientSession[]> byToken = new ConcurrentHashMap<>();
    private final Set<ClientSession> allIndices = ConcurrentHashMap.newKeySet();
    private final Set<ClientSession> allStocks = ConcurrentHashMap.newKeySet();

    // Confined to this shard's thread (or, once stopped, to the caller holding the lock): the clients that
    // got updates since the last pump round; where the routed ticks end in the resume buffer; the position
    // of the latest trade tick routed of each instrument, the state a new subscriber starts from.
    private final List<Outbound> touched = new ArrayList<>();
    private long routedUpTo;
    private final LongLongMap latestRouted = new LongLongMap(4096);
    // Resuming clients catching up, stepped after every round of routing.
    private final List<Replay> replays = new ArrayList<>();
    private long lastFailureLogged;

    FanOutShard(String name, int maxQueuedTicks, LongFunction<InstrumentClass> classOf) {
        this.maxQueuedTicks = maxQueuedTicks;
        this.classOf = classOf;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Routes this client's ticks of {@code token} through this shard from now on. */
    void add(long token, ClientSession s) {
        byToken.compute(token, (k, a) -> {
            if (a == null) {
                return new ClientSession[] {s};
            }
            for (ClientSession x : a) {
                if (x == s) {
                    return a;
                }
            }
            ClientSession[] b = Arrays.copyOf(a, a.length + 1);
            b[a.length] = s;
            return b;
        });
    }

    void remove(long token, ClientSession s) {
        byToken.computeIfPresent(token, (k, a) -> {
            int i = 0;
            while (i < a.length && a[i] != s) {
                i++;
            }
            if (i == a.length) {
                return a;
            }
            if (a.length == 1) {
                return null;
            }
            ClientSession[] b = new ClientSession[a.length - 1];
            System.arraycopy(a, 0, b, 0, i);
            System.arraycopy(a, i + 1, b, i, a.length - i - 1);
            return b;
        });
    }

    /** Sends every tick of an instrument class to this client. */
    void streamAll(InstrumentClass c, ClientSession s) {
        (c == InstrumentClass.INDEX ? allIndices : allStocks).add(s);
    }

    void forget(ClientSession s) {
        allIndices.remove(s);
        allStocks.remove(s);
    }

    /**
     * Queues one engine batch for this shard's clients; {@code position} is the resume buffer position of
     * its first tick, and each batch starts where the one before ended. While the shard has
     * {@code maxQueuedTicks} ticks waiting, the caller (the broadcaster) waits, so the engine's conflating
     * mailbox in front of it takes the overload and counts it; no tick is lost here.
     */
    void publish(SharedTick[] ticks, long position) {
        if (!stopped && queuedTicks.get() >= maxQueuedTicks) {
            waits.increment();
            while (queuedTicks.get() >= maxQueuedTicks && !stopped && thread.isAlive()) {
                LockSupport.parkNanos(200_000);
            }
        }
        queuedTicks.addAndGet(ticks.length);
        enqueue(new TickBatch(ticks, position));
    }

    /** Runs a task for one of this shard's clients on the shard's thread, after what was queued before. */
    @Override
    public void execute(Runnable task) {
        enqueue(task);
    }

    /** Starts stepping a client's replay after each round of this shard. For tasks on this shard. */
    void replay(Replay r) {
        replays.add(r);
    }

    /**
     * Queues an update for one of this shard's clients from a task: on the shard's thread it leaves with
     * the round's flush, after what was routed before; once stopped it is sent at once.
     */
    void send(ClientSession s, long key, Object update) {
        Outbound o = s.out();
        if (Thread.currentThread() == thread && !stopped) {
            if (o.queue(key, update) && o.mark()) {
                touched.add(o);
            }
        } else {
            o.offer(key, update);
        }
    }

    /** Queues an item; once stopped, the caller runs what is queued, in order, itself. */
    private void enqueue(Object item) {
        queue.offer(item);
        if (stopped) {
            runLeftovers();
        } else if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Ticks queued and not yet routed. */
    int queuedTicks() {
        return queuedTicks.get();
    }

    /** How often the broadcaster found this shard full and waited. */
    long waits() {
        return waits.sum();
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                int items;
                // Uncontended while the thread runs; it keeps callers that run inline during a stop out.
                synchronized (this) {
                    items = drain();
                }
                if (items == 0) {
                    sleeping = true;
                    // Dekker with enqueue: it offers then reads sleeping; we set sleeping then look again.
                    if (queue.isEmpty() && !stopped) {
                        LockSupport.park(this);
                    }
                    sleeping = false;
                }
            }
        } catch (Error e) {
            // Nothing queued may wait for a thread that is gone: from now on its work runs inline.
            stopped = true;
            failures.increment();
            LOG.error("fan-out thread {} stopped by an error; its clients are served on the callers' threads",
                    thread.getName(), e);
        }
        runLeftovers();
    }

    /**
     * Takes up to {@link #MAX_DRAIN} items, steps the replays, then pumps the clients they touched; returns
     * the items taken, or 1 when a replay is to be stepped again at once.
     */
    int drain() {
        int items = 0;
        Object item;
        while (items < MAX_DRAIN && (item = queue.poll()) != null) {
            items++;
            try {
                if (item instanceof TickBatch b) {
                    queuedTicks.addAndGet(-b.ticks().length);
                    route(b.ticks(), b.position(), false);
                } else {
                    ((Runnable) item).run();
                }
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        boolean again = !replays.isEmpty() && stepReplays();
        for (int i = 0, n = touched.size(); i < n; i++) {
            Outbound o = touched.get(i);
            try {
                o.flush();
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        touched.clear();
        for (int i = 0; i < replays.size() && !again; i++) {
            // A flush whose writes completed at once made room without any event to come.
            Replay r = replays.get(i);
            again = r.waitingForRoom() && r.session().out().orderedRoom() != 0;
        }
        return again ? Math.max(items, 1) : items;
    }

    /** Steps every replay once, ending those done; true when one has more to read at once. */
    private boolean stepReplays() {
        boolean again = false;
        for (int i = 0; i < replays.size(); ) {
            Replay r = replays.get(i);
            Replay.Progress p;
            try {
                p = r.step(routedUpTo);
            } catch (RuntimeException e) {
                failed(e);
                // Never a silent hole in what the client gets: it is closed and resumes again.
                r.session().out().close(1011, "Server error");
                p = Replay.Progress.DONE;
            }
            if (p == Replay.Progress.DONE) {
                replays.remove(i);
                r.session().endReplay(r);
            } else {
                again |= p == Replay.Progress.AGAIN;
                i++;
            }
        }
        return again;
    }

    /** Once stopped, under the lock: steps the replays until each waits or ends. */
    private void stepReplaysInline() {
        boolean again = true;
        while (again && !replays.isEmpty()) {
            again = stepReplays();
        }
    }

    private void route(SharedTick[] ticks, long position, boolean inline) {
        boolean classes = !allIndices.isEmpty() || !allStocks.isEmpty();
        for (int i = 0; i < ticks.length; i++) {
            SharedTick t = ticks[i];
            long token = t.tick().instrumentToken();
            long sequence = t.tick().ingestSequence();
            if (t.tick().mode().hasTradePrice()) {
                latestRouted.put(token, position + i);
            }
            ClientSession[] subs = byToken.get(token);
            if (subs != null) {
                for (ClientSession s : subs) {
                    if (s.dialect() != Dialect.CANDLES && s.live(token, sequence)) {
                        deliver(s.out(), token, t, inline);
                    }
                }
            }
            if (classes) {
                InstrumentClass c = classOf.apply(token);
                Set<ClientSession> all = c == InstrumentClass.INDEX ? allIndices
                        : c == InstrumentClass.STOCK ? allStocks : Set.of();
                for (ClientSession s : all) {
                    if (s.live(token, sequence)) {
                        deliver(s.out(), token, t, inline);
                    }
                }
            }
        }
        routedUpTo = position + ticks.length;
    }

    /**
     * The resume buffer position of the latest trade tick of an instrument routed so far, or -1: what a
     * client that starts now has to get first. For tasks on this shard.
     */
    long latestRouted(long token) {
        return latestRouted.get(token, -1);
    }

    /** Every instrument with a trade tick routed so far. For tasks on this shard. */
    long[] routedInstruments() {
        return latestRouted.keys();
    }

    private void deliver(Outbound o, long token, SharedTick t, boolean inline) {
        if (inline) {
            o.offer(token, t);
        } else if (o.queue(token, t) && o.mark()) {
            touched.add(o);
        }
    }

    private synchronized void runLeftovers() {
        Object item;
        while ((item = queue.poll()) != null) {
            if (item instanceof TickBatch b) {
                queuedTicks.addAndGet(-b.ticks().length);
                route(b.ticks(), b.position(), true);
            } else {
                ((Runnable) item).run();
            }
            stepReplaysInline();
        }
    }

    /** Counts an unexpected error; logs it with its stack trace, at most once a minute (drain's thread only). */
    private void failed(RuntimeException e) {
        failures.increment();
        long now = System.nanoTime();
        if (lastFailureLogged == 0 || now - lastFailureLogged >= FAILURE_LOG_INTERVAL_NANOS) {
            lastFailureLogged = now;
            LOG.error("fan-out thread {} hit an unexpected error and went on ({} so far; logged at most once a minute)",
                    thread.getName(), failures.sum(), e);
        }
    }

    /** Stops the thread after what is queued (waiting at most {@code millis}); later work runs inline. */
    void stop(long millis) throws InterruptedException {
        stopped = true;
        LockSupport.unpark(thread);
        if (thread.isAlive()) {
            thread.join(millis);
            if (thread.isAlive()) {
                LOG.warn("fan-out thread {} still busy after {} ms; leaving it", thread.getName(), millis);
            }
        }
    }

    String name() {
        return thread.getName();
    }

    /** Unexpected errors caught on this shard's thread. */
    long failures() {
        return failures.sum();
    }
}
