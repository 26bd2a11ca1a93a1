package io.tickengine.core.engine.internal;

import io.tickengine.core.engine.CircuitState;
import io.tickengine.core.engine.SinkOptions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure handling of one sink, owned by its worker thread: retry with exponential backoff, open
 * the circuit after consecutive failures, let one trial batch through after the cool-down. The first
 * failure of a streak is logged as one line; its stack trace goes with it at most once per
 * {@value #TRACE_EVERY_MILLIS} ms, so a flapping dependency does not flood the log.
 */
final class Breaker {
    private static final Logger LOG = LoggerFactory.getLogger(Breaker.class);
    static final long TRACE_EVERY_MILLIS = 60_000;

    enum Outcome {
        /** The sink took the batch. */
        DELIVERED,
        /** The sink failed or is backing off; keep the batch and try again later. */
        RETRY_LATER,
        /** The circuit is open; the batch is not wanted now. */
        REFUSED
    }

    /** A call into the sink that may throw. */
    @FunctionalInterface
    interface SinkCall {
        void run() throws Exception;
    }

    private final String sink;
    private final int threshold;
    private final long backoffMillis;
    private final long maxBackoffMillis;
    private final long openMillis;

    private volatile CircuitState state = CircuitState.CLOSED;
    private volatile long errors;
    private volatile long dropped;
    private int consecutiveFailures;
    private long nextAttemptAt;
    private long openUntil;
    private int otherFailures;
    private long lastTraceNanos;
    private boolean traced;

    Breaker(String sink, SinkOptions options) {
        this.sink = sink;
        this.threshold = options.failureThreshold();
        this.backoffMillis = options.retryBackoff().toMillis();
        this.maxBackoffMillis = options.maxRetryBackoff().toMillis();
        this.openMillis = options.openDuration().toMillis();
    }

    /** Tries to deliver a batch, if the circuit and the backoff allow it now. */
    <E> Outcome attempt(long now, Delivery<E> delivery, List<E> batch) {
        if (state == CircuitState.OPEN) {
            if (now < openUntil) {
                return Outcome.REFUSED;
            }
            state = CircuitState.HALF_OPEN;
        } else if (now < nextAttemptAt) {
            return Outcome.RETRY_LATER;
        }
        try {
            delivery.batch.deliver(batch);
        } catch (Throwable t) {
            rethrowFatal(t);
            onFailure(now, t);
            return state == CircuitState.OPEN ? Outcome.REFUSED : Outcome.RETRY_LATER;
        }
        if (state != CircuitState.CLOSED || consecutiveFailures > 0) {
            LOG.info("sink {} recovered after {} failed attempts", sink, consecutiveFailures);
        }
        state = CircuitState.CLOSED;
        consecutiveFailures = 0;
        nextAttemptAt = 0;
        return Outcome.DELIVERED;
    }

    /** Runs a timer, flush or close call; a failure is counted and logged once per streak. */
    void guard(SinkCall call, String what) {
        try {
            call.run();
            otherFailures = 0;
        } catch (Throwable t) {
            rethrowFatal(t);
            errors++;
            if (otherFailures++ == 0) {
                warn("sink " + sink + " failed in " + what, t);
            }
        }
    }

    /** Counts items discarded while the circuit was open. */
    void drop(int items) {
        dropped += items;
    }

    /** When the worker should try again: the end of the backoff or of the cool-down. */
    long nextAttemptAt() {
        return state == CircuitState.OPEN ? openUntil : nextAttemptAt;
    }

    CircuitState state() {
        return state;
    }

    long errors() {
        return errors;
    }

    long dropped() {
        return dropped;
    }

    private void onFailure(long now, Throwable t) {
        errors++;
        consecutiveFailures++;
        if (consecutiveFailures == 1) {
            warn("sink " + sink + " failed; retrying with backoff", t);
        } else {
            LOG.debug("sink {} failed again ({} in a row): {}", sink, consecutiveFailures, t.toString());
        }
        if (state == CircuitState.HALF_OPEN || consecutiveFailures >= threshold) {
            if (state != CircuitState.OPEN) {
                LOG.warn("sink {} circuit open for {} ms after {} consecutive failures", sink, openMillis,
                        consecutiveFailures);
            }
            state = CircuitState.OPEN;
            openUntil = now + openMillis;
            return;
        }
        int shift = Math.min(consecutiveFailures - 1, 30);
        nextAttemptAt = now + Math.min(maxBackoffMillis, backoffMillis << shift);
    }

    /** One warning line; the stack trace only when none was logged for this sink in the last minute. */
    private void warn(String message, Throwable t) {
        long now = System.nanoTime();
        if (!traced || now - lastTraceNanos >= TRACE_EVERY_MILLIS * 1_000_000L) {
            traced = true;
            lastTraceNanos = now;
            LOG.warn(message, t);
        } else {
            LOG.warn("{}: {}", message, t.toString());
        }
    }

    private static void rethrowFatal(Throwable t) {
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
    }
}
