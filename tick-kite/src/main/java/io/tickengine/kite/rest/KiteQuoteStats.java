package io.tickengine.kite.rest;

import io.tickengine.core.engine.CircuitState;
import io.tickengine.core.source.SourceState;

/**
 * A snapshot of a {@link KiteQuotePoller}'s counters, cumulative since it started.
 *
 * @param state where the poller is
 * @param circuit the circuit breaker's state
 * @param instruments instruments subscribed
 * @param requests quote requests sent
 * @param failures requests that failed and will be retried (no response, HTTP 429, HTTP 5xx, unreadable body)
 * @param throttled failures that were HTTP 429
 * @param rejected requests answered with another 4xx (not retried; the batch waits for its next turn)
 * @param ticks ticks handed to the listener
 * @param badQuotes quotes skipped because a field could not be read
 * @param circuitOpens how often the circuit opened
 * @param lastSuccessMillis when the last request succeeded, epoch milliseconds from the poller's clock; 0 before any
 */
public record KiteQuoteStats(SourceState state, CircuitState circuit, int instruments, long requests, long failures,
                             long throttled, long rejected, long ticks, long badQuotes, long circuitOpens,
                             long lastSuccessMillis) {
}
