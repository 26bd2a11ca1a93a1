package io.tickengine.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load tool's N seed 004 WebSocket clients: each subscribes to its instruments and, for every tick
 * (each one of a batched {@code {"type":"ticks"}} frame too), records the time from the server's receipt
 * ({@code receive_timestamp}) to its own, in ms. This base keeps the counters every client kind shares;
 * the reading threads call {@link #tick} and {@link #frame} while {@link #recording()}.
 */
abstract class LoadClients implements AutoCloseable {
    private final Recorder latency = new Recorder(60_000, 3);
    private final LongAdder ticks = new LongAdder();
    private final LongAdder frames = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile boolean recording;

    /** Opens the clients, at most {@code parallel} handshakes at a time, and subscribes each. */
    abstract void open(URI uri, String apiKey, List<List<Long>> subscriptions, int parallel) throws Exception;

    /** Starts counting ticks and latencies, discarding what came before. */
    final void startRecording() {
        latency.reset();
        ticks.reset();
        frames.reset();
        bytes.reset();
        recording = true;
    }

    /** Ticks received since recording started, every tick of a batched frame counted. */
    final long ticks() {
        return ticks.sum();
    }

    /** Tick frames (one tick or a batch) received since recording started. */
    final long frames() {
        return frames.sum();
    }

    /** Bytes (UTF-8; characters for the JDK client) of the tick messages received since recording started. */
    final long chars() {
        return bytes.sum();
    }

    /** Latencies since recording started (ms). */
    final Histogram latencies() {
        return latency.getIntervalHistogram();
    }

    /** Connections the server closed or that failed. */
    final int closedConnections() {
        return closed.get();
    }

    /** Whether ticks are being counted. */
    final boolean recording() {
        return recording;
    }

    /** Records one tick that the server received at {@code stampMillis} and a client read at {@code nowMillis}. */
    final void tick(long nowMillis, long stampMillis) {
        latency.recordValue(Math.max(0, Math.min(nowMillis - stampMillis, 60_000)));
    }

    /** Records a frame of {@code ticksInFrame} ticks (already passed to {@link #tick}) and {@code size} bytes. */
    final void frame(int ticksInFrame, int size) {
        ticks.add(ticksInFrame);
        frames.increment();
        bytes.add(size);
    }

    /** Counts a connection the server closed or that failed. */
    final void connectionLost() {
        closed.incrementAndGet();
    }

    @Override
    public abstract void close();
}
