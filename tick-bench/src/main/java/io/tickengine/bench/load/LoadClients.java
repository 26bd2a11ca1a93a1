package io.tickengine.bench.load;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.util.List;

/**
 * The load tool's N seed 004 WebSocket clients: each subscribes to its instruments and, for every tick
 * (each one of a batched {@code {"type":"ticks"}} frame too), records the time from the server's receipt ({@code receive_timestamp}) to its own, in ms.
 */
interface LoadClients extends AutoCloseable {
    /** Opens the clients, at most {@code parallel} handshakes at a time, and subscribes each. */
    void open(URI uri, String apiKey, List<List<Long>> subscriptions, int parallel) throws Exception;

    /** Starts counting ticks and latencies, discarding what came before. */
    void startRecording();

    /** Ticks received since recording started, every tick of a batched frame counted. */
    long ticks();

    /** Tick frames (one tick or a batch) received since recording started. */
    long frames();

    /** Bytes (UTF-8; characters for the JDK client) of the tick messages received since recording started. */
    long chars();

    /** Latencies since recording started (ms). */
    Histogram latencies();

    /** Connections the server closed or that failed. */
    int closedConnections();

    @Override
    void close();
}
