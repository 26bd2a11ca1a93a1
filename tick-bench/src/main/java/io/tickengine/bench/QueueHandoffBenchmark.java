package io.tickengine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.MpscChunkedArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The measurement behind the engine's queue choice: one producer fans items out to three queues,
 * each drained in batches by its own consumer thread, for the JDK's ArrayBlockingQueue and the
 * JCTools queues the engine uses per overflow policy.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class QueueHandoffBenchmark {
    private static final int ITEMS = 100_000;
    private static final int CAPACITY = 1 << 20;
    private static final int BATCH = 1024;

    @Param({"jdk-ArrayBlockingQueue", "jctools-MpscArrayQueue", "jctools-MpmcArrayQueue",
            "jctools-MpscChunkedArrayQueue"})
    public String queue;

    private final Object item = new Object();
    private List<Queue<Object>> queues;
    private List<Thread> consumers;
    private AtomicLong[] consumed;
    private volatile boolean running;
    private long expected;

    @Setup(Level.Trial)
    public void setUp() {
        queues = new ArrayList<>();
        consumers = new ArrayList<>();
        consumed = new AtomicLong[3];
        running = true;
        for (int i = 0; i < 3; i++) {
            Queue<Object> q = newQueue();
            AtomicLong count = new AtomicLong();
            consumed[i] = count;
            queues.add(q);
            Thread t = new Thread(() -> drainLoop(q, count), "consumer-" + i);
            t.setDaemon(true);
            consumers.add(t);
            t.start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        running = false;
        for (Thread t : consumers) {
            t.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long fanOutToThreeConsumers() {
        for (int n = 0; n < ITEMS; n++) {
            for (int i = 0; i < 3; i++) {
                Queue<Object> q = queues.get(i);
                while (!q.offer(item)) {
                    Thread.onSpinWait();
                }
            }
        }
        expected += ITEMS;
        for (AtomicLong c : consumed) {
            while (c.get() < expected) {
                Thread.onSpinWait();
            }
        }
        return expected;
    }

    private void drainLoop(Queue<Object> q, AtomicLong count) {
        List<Object> batch = new ArrayList<>(BATCH);
        while (running) {
            int n = drain(q, batch);
            if (n == 0) {
                LockSupport.parkNanos(10_000);
            } else {
                count.addAndGet(n);
                batch.clear();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private int drain(Queue<Object> q, List<Object> batch) {
        if (q instanceof ArrayBlockingQueue) {
            return ((ArrayBlockingQueue<Object>) q).drainTo(batch, BATCH);
        }
        return ((org.jctools.queues.MessagePassingQueue<Object>) q).drain(batch::add, BATCH);
    }

    private Queue<Object> newQueue() {
        switch (queue) {
            case "jdk-ArrayBlockingQueue":
                return new ArrayBlockingQueue<>(CAPACITY);
            case "jctools-MpscArrayQueue":
                return new MpscArrayQueue<>(CAPACITY);
            case "jctools-MpmcArrayQueue":
                return new MpmcArrayQueue<>(CAPACITY);
            case "jctools-MpscChunkedArrayQueue":
                return new MpscChunkedArrayQueue<>(1024, CAPACITY);
            default:
                throw new IllegalArgumentException(queue);
        }
    }
}
